import ICAL from "ical.js";
import { ianaNameForTzid } from "../../ical/resolve-zone.ts";
import type { Zone } from "../../ical/types.ts";
import { ianaZone } from "../../ical/zones.ts";
import type { GoogleEventTime } from "./google-event.ts";

/** The zone of an IANA name Intl knows (lib/ical's cached conversion), else null. */
function knownZone(timeZone: string | null | undefined): Zone | null {
  return timeZone ? ianaZone(timeZone) : null;
}

/** `YYYYMMDDTHHMMSSZ` for instance ids (Google's `{masterId}_{stamp}` form). */
function formatUtcStamp(utcMs: number): string {
  return new Date(utcMs)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** RFC 3339 with a numeric offset, as Google writes `dateTime`; UTC as `Z` without a zone. */
function formatDateTime(utcMs: number, zone?: Zone): string {
  if (!zone) return new Date(utcMs).toISOString().replace(/\.\d{3}Z$/, "Z");
  const offset = zone.utcToWall(utcMs) - utcMs;
  const wall = new Date(utcMs + offset).toISOString().slice(0, 19);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset) / 60000;
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${wall}${sign}${hh}:${mm}`;
}

/**
 * A Google EventDateTime as an iCalendar value: DATE for all-day, wall time + TZID when a zone
 * is known (so RRULEs follow local time across DST, RFC 5545 3.3.10), else UTC.
 * `zone` overrides the value's own zone (RECURRENCE-ID/EXDATE follow the master's DTSTART).
 */
export function toIcalTime(time: GoogleEventTime, zone?: string | null): { value: ICAL.Time; tzid?: string } {
  if (time.date) return { value: ICAL.Time.fromDateString(time.date) };
  const ms = Date.parse(time.dateTime ?? "");
  const tz = zone !== undefined ? zone : time.timeZone;
  const known = knownZone(tz);
  if (known && tz && tz !== "UTC") {
    const wall = new Date(known.utcToWall(ms));
    const value = ICAL.Time.fromData({
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      second: wall.getUTCSeconds(),
      isDate: false,
    });
    return { value, tzid: tz };
  }
  return { value: ICAL.Time.fromJSDate(new Date(ms), true) };
}

function wallMsOf(time: ICAL.Time): number {
  return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
}

function isUtc(time: ICAL.Time): boolean {
  return time.zone === ICAL.Timezone.utcTimezone || time.toString().endsWith("Z");
}

/** Milliseconds since the epoch of an iCalendar value (floating times read as UTC). */
export function icalTimeToMs(time: ICAL.Time, rawTzid: string | undefined): number {
  const tzid = rawTzid ? (ianaNameForTzid(rawTzid) ?? rawTzid) : undefined;
  const wall = wallMsOf(time);
  const known = knownZone(tzid);
  if (time.isDate || isUtc(time) || !known) return wall;
  return known.wallToUtc(wall);
}

/** The instance-id stamp Google uses for an occurrence starting at this value. */
export function stampOfIcalTime(time: ICAL.Time, tzid: string | undefined): string {
  if (time.isDate) return time.toString().replace(/-/g, "").slice(0, 8);
  return formatUtcStamp(icalTimeToMs(time, tzid));
}

/** The stamp of a Google EventDateTime (instance ids, EXDATE de-duplication). */
export function stampOfEventTime(time: GoogleEventTime): string {
  if (time.date) return time.date.replace(/-/g, "");
  return formatUtcStamp(Date.parse(time.dateTime ?? ""));
}

/** An iCalendar value back to a Google EventDateTime (Windows or prefixed TZIDs read as IANA). */
export function toEventTime(time: ICAL.Time, rawTzid: string | undefined): GoogleEventTime {
  if (time.isDate) return { date: time.toString().slice(0, 10) };
  const tzid = rawTzid ? (ianaNameForTzid(rawTzid) ?? rawTzid) : undefined;
  const ms = icalTimeToMs(time, tzid);
  const known = knownZone(tzid);
  if (known && tzid && !isUtc(time)) return { dateTime: formatDateTime(ms, known), timeZone: tzid };
  return { dateTime: formatDateTime(ms), timeZone: "UTC" };
}
