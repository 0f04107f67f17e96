/**
 * Conversions between the API's UTC instants and the wall-clock values shown in inputs, in a
 * named IANA time zone (Temporal handles DST gaps and overlaps the way RFC 5545 §3.3.5 asks:
 * a skipped local time moves forward, a repeated one takes the earlier instant).
 */
import { Temporal } from "temporal-polyfill";

/** The browser's own zone, used until the person picks one. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

export function isValidTimeZone(zone: string): boolean {
  try {
    Temporal.Now.zonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The API's marker for floating times (RFC 5545 §3.3.5 form #1): `start`/`end` then hold the
 * wall-clock time written as if it were UTC, and the event shows at that wall time in any zone.
 */
export const FLOATING = "floating";

/** `2026-03-01T09:00:00Z` in `Europe/Paris` -> `2026-03-01T10:00` (for `<input type=datetime-local>`). */
export function instantToLocalInput(params: { instant: string; timeZone: string }): string {
  if (params.timeZone === FLOATING) return params.instant.slice(0, 16);
  const zoned = Temporal.Instant.from(params.instant).toZonedDateTimeISO(params.timeZone);
  return zoned.toPlainDateTime().toString({ smallestUnit: "minute" });
}

/** `2026-03-01T10:00` as wall time in `Europe/Paris` -> `2026-03-01T09:00:00Z`. */
export function localInputToInstant(params: { local: string; timeZone: string }): string {
  if (params.timeZone === FLOATING) return `${params.local.slice(0, 16)}:00Z`;
  const zoned = Temporal.PlainDateTime.from(params.local).toZonedDateTime(params.timeZone, {
    disambiguation: "compatible",
  });
  return zoned.toInstant().toString();
}

/**
 * A date string from FullCalendar (`startStr`): with an offset it is an instant; a bare date
 * is an all-day date; a bare date-time is wall time in the calendar's zone (or, for a floating
 * event, its floating wall time: pass FLOATING).
 */
export function calendarStringToInstant(params: { value: string; timeZone: string }): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(params.value)) return params.value;
  // The grid's wall time is the floating time itself; an offset FullCalendar adds is the display zone's.
  if (params.timeZone === FLOATING) return localInputToInstant({ local: params.value, timeZone: FLOATING });
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(params.value)) return Temporal.Instant.from(params.value).toString();
  return localInputToInstant({ local: params.value.slice(0, 16), timeZone: params.timeZone });
}

/** All-day end dates are exclusive (RFC 5545 §3.6.1); inputs show the inclusive last day. */
export function addDays(params: { date: string; days: number }): string {
  return Temporal.PlainDate.from(params.date).add({ days: params.days }).toString();
}

/** The date part of an instant, in a zone (for switching a timed event to all-day). */
export function instantToDate(params: { instant: string; timeZone: string }): string {
  if (params.timeZone === FLOATING) return params.instant.slice(0, 10);
  return Temporal.Instant.from(params.instant).toZonedDateTimeISO(params.timeZone).toPlainDate().toString();
}

/** What the calendar grid is given for a timed value: a floating time as bare wall time. */
export function gridTime(params: { value: string; timeZone: string | null; allDay: boolean }): string {
  return params.timeZone === FLOATING && !params.allDay ? params.value.replace(/Z$/, "") : params.value;
}

/** Common IANA zones offered first in pickers; any valid zone may be typed. */
export function listTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const all = intl.supportedValuesOf?.("timeZone") ?? [];
  return all.length ? ["UTC", ...all.filter((zone) => zone !== "UTC")] : ["UTC", browserTimeZone()];
}
