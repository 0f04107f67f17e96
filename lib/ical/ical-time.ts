/** Reading and writing DATE / DATE-TIME values (RFC 5545 §3.3.4, §3.3.5) and RFC 3339 strings. */
import type { ContentComponent, ParsedProperty } from "./content-lines.ts";
import { IcalParseError } from "./ical-parse-error.ts";
import { resolveZone } from "./resolve-zone.ts";
import type { IcalTimeValue, Zone } from "./types.ts";
import { floatingZone, utcZone } from "./zones.ts";

const DATE_TIME = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$/;

export interface TimeContext {
  vtimezones: Map<string, ContentComponent>;
  /** Set when a TZID could not be resolved and its times were read as floating. */
  unknownZone: boolean;
}

/** Reads one DATE or DATE-TIME value string with the property's TZID/VALUE parameters. */
export function readTimeValue(raw: string, params: Record<string, string>, context: TimeContext): IcalTimeValue {
  const match = DATE_TIME.exec(raw.trim());
  if (!match) throw new IcalParseError(`invalid date-time value "${raw.slice(0, 30)}"`);
  const [, y, mo, d, h, mi, s, z] = match;
  const isDate = h === undefined || params.VALUE?.toUpperCase() === "DATE";
  const wallMs = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    isDate ? 0 : Number(h),
    isDate ? 0 : Number(mi),
    isDate ? 0 : Number(s ?? 0),
  );
  if (Number.isNaN(wallMs)) throw new IcalParseError(`invalid date-time value "${raw.slice(0, 30)}"`);
  let zone: Zone = floatingZone;
  if (!isDate) {
    if (z) zone = utcZone;
    else if (params.TZID) {
      const resolved = resolveZone(params.TZID, context.vtimezones);
      if (resolved) zone = resolved;
      else context.unknownZone = true;
    }
  }
  return { wallMs, isDate, zone };
}

/** Reads a property holding one DATE/DATE-TIME. */
export function readTimeProperty(property: ParsedProperty, context: TimeContext): IcalTimeValue {
  return readTimeValue(property.value, property.params, context);
}

/** Reads a property holding a comma-separated list (EXDATE, RDATE); PERIOD values keep their start. */
export function readTimeList(property: ParsedProperty, context: TimeContext): IcalTimeValue[] {
  return property.value
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v.length > 0)
    .map((v) => readTimeValue(v.split("/")[0] ?? v, property.params, context));
}

/** UTC instant of a value; DATE values are placed at midnight UTC (all-day is floating). */
export function toUtcMs(value: IcalTimeValue): number {
  return value.isDate ? value.wallMs : value.zone.wallToUtc(value.wallMs);
}

/** `2026-03-01T09:00:00Z` (no milliseconds). */
export function formatInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

/** `YYYY-MM-DD` of a wall-as-UTC ms. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Parses an RFC 3339 instant (any offset) or a `YYYY-MM-DD` date to epoch ms. */
export function parseApiTime(value: string): { ms: number; isDate: boolean } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { ms: Date.parse(`${value}T00:00:00Z`), isDate: true };
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(value))
    throw new IcalParseError(`invalid time "${value.slice(0, 40)}"`);
  return { ms, isDate: false };
}

/** iCalendar basic format of a wall-as-UTC ms: `20260301T090000` or `20260301` for dates. */
export function formatIcalWall(wallMs: number, isDate: boolean): string {
  const iso = new Date(wallMs).toISOString();
  const date = iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10);
  return isDate ? date : `${date}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/** iCalendar UTC form: `20260301T090000Z`. */
export function formatIcalUtc(ms: number): string {
  return `${formatIcalWall(ms, false)}Z`;
}
