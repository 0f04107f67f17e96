import ICAL from "ical.js";
import type { EventResource, EventTime } from "./event-types.ts";
import { formatDateTime, formatUtcStamp, utcToWall, wallToUtc } from "./zoned-time.ts";

/** One occurrence of a recurring master, identified as Google identifies instances. */
export interface Occurrence {
  /** `{masterId}_{YYYYMMDDTHHMMSSZ}` (timed) or `{masterId}_{YYYYMMDD}` (all-day). */
  instanceId: string;
  originalStartTime: EventTime;
  startMs: number;
}

const MAX_OCCURRENCES = 3000;

function stampOf(time: EventTime): string {
  if (time.date) return time.date.replace(/-/g, "");
  return formatUtcStamp(Date.parse(time.dateTime ?? ""));
}

/** The instance id Google gives the occurrence that originally started at `originalStart`. */
export function instanceIdFor(masterId: string, originalStart: EventTime): string {
  return `${masterId}_${stampOf(originalStart)}`;
}

/** Splits `{masterId}_{stamp}` (the stamp forms above); null when `id` is not an instance id. */
export function parseInstanceId(id: string): { masterId: string; stamp: string } | null {
  const match = /^(.+)_(\d{8}(?:T\d{6}Z)?)$/.exec(id);
  if (!match?.[1] || !match[2]) return null;
  return { masterId: match[1], stamp: match[2] };
}

function fixedOffsetMs(dateTime: string): number {
  const match = /([+-])(\d{2}):(\d{2})$/.exec(dateTime);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return (match[1] === "-" ? -1 : 1) * minutes * 60000;
}

function excludedStamps(recurrence: string[], start: EventTime): Set<string> {
  const stamps = new Set<string>();
  for (const line of recurrence) {
    if (!line.toUpperCase().startsWith("EXDATE")) continue;
    const colon = line.indexOf(":");
    const params = line.slice(0, colon);
    const tzid = /TZID=([^;:]+)/i.exec(params)?.[1] ?? start.timeZone;
    for (const value of line.slice(colon + 1).split(",")) {
      const v = value.trim();
      if (/^\d{8}$/.test(v)) {
        stamps.add(v);
        continue;
      }
      const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(v);
      if (!m) continue;
      const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
      let utc = wall;
      if (!m[7]) utc = tzid ? wallToUtc(wall, tzid) : wall - fixedOffsetMs(start.dateTime ?? "");
      stamps.add(formatUtcStamp(utc));
      // An all-day series may carry DATE-TIME EXDATEs; match them by day as Google does.
      stamps.add(v.slice(0, 8));
    }
  }
  return stamps;
}

/**
 * Expands a master's RRULE (RFC 5545 3.3.10, iterated by ical.js in wall-clock time so DST is
 * honoured) minus its EXDATEs, up to `untilMs` (exclusive) or a safety cap.
 */
export function expandSeries(params: { master: EventResource; untilMs?: number }): Occurrence[] {
  const { master } = params;
  const start = master.start;
  const rrule = master.recurrence?.find((line) => line.toUpperCase().startsWith("RRULE:"));
  if (!start || !rrule) return [];
  const isAllDay = Boolean(start.date);
  const tz = start.timeZone;
  const startUtc = isAllDay ? Date.parse(`${start.date}T00:00:00Z`) : Date.parse(start.dateTime ?? "");
  const wallStart = isAllDay ? startUtc : tz ? utcToWall(startUtc, tz) : startUtc + fixedOffsetMs(start.dateTime ?? "");
  const w = new Date(wallStart);
  const dtstart = ICAL.Time.fromData({
    year: w.getUTCFullYear(),
    month: w.getUTCMonth() + 1,
    day: w.getUTCDate(),
    hour: w.getUTCHours(),
    minute: w.getUTCMinutes(),
    second: w.getUTCSeconds(),
    isDate: isAllDay,
  });
  const iterator = ICAL.Recur.fromString(rrule.slice("RRULE:".length)).iterator(dtstart);
  const excluded = excludedStamps(master.recurrence ?? [], start);
  const out: Occurrence[] = [];
  for (let next = iterator.next(); next && out.length < MAX_OCCURRENCES; next = iterator.next()) {
    const wall = Date.UTC(next.year, next.month - 1, next.day, next.hour, next.minute, next.second);
    const utc = isAllDay ? wall : tz ? wallToUtc(wall, tz) : wall - fixedOffsetMs(start.dateTime ?? "");
    if (params.untilMs !== undefined && utc >= params.untilMs) break;
    const originalStartTime: EventTime = isAllDay
      ? { date: new Date(wall).toISOString().slice(0, 10) }
      : tz
        ? { dateTime: formatDateTime(utc, tz), timeZone: tz }
        : { dateTime: formatDateTime(utc) };
    const stamp = stampOf(originalStartTime);
    if (excluded.has(stamp)) continue;
    out.push({ instanceId: `${master.id}_${stamp}`, originalStartTime, startMs: utc });
  }
  return out;
}
