/**
 * Wall-clock <-> UTC conversion. IANA zones go through Intl (one cached formatter per zone,
 * so nothing is registered per call); private VTIMEZONEs go through ical.js. Wall times are
 * "wall-as-UTC" epoch milliseconds (see {@link Zone}).
 */
import ICAL from "ical.js";
import type { Zone } from "./types.ts";

const DAY_MS = 86_400_000;

/** Floating time (RFC 5545 §3.3.5 form #1): read as UTC. */
export const floatingZone: Zone = {
  iana: null,
  isFloating: true,
  isUtc: false,
  wallToUtc: (wallMs) => wallMs,
  utcToWall: (utcMs) => utcMs,
};

export const utcZone: Zone = {
  iana: null,
  isFloating: false,
  isUtc: true,
  wallToUtc: (wallMs) => wallMs,
  utcToWall: (utcMs) => utcMs,
};

const ianaCache = new Map<string, Zone | null>();

/** The zone for an IANA name, or null when Intl does not know it. Cached for the process. */
export function ianaZone(name: string): Zone | null {
  const cached = ianaCache.get(name);
  if (cached !== undefined) return cached;
  let zone: Zone | null = null;
  try {
    const format = new Intl.DateTimeFormat("en-US", {
      timeZone: name,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    zone = makeIntlZone(name, format);
  } catch {
    zone = null;
  }
  ianaCache.set(name, zone);
  return zone;
}

const HOUR_MS = 3_600_000;
const MAX_CACHED_HOURS = 200_000;

function makeIntlZone(name: string, format: Intl.DateTimeFormat): Zone {
  const formatWall = (utcMs: number): number => {
    const seconds = Math.floor(utcMs / 1000) * 1000;
    let y = 0;
    let mo = 0;
    let d = 0;
    let h = 0;
    let mi = 0;
    let s = 0;
    for (const part of format.formatToParts(seconds)) {
      switch (part.type) {
        case "year":
          y = Number(part.value);
          break;
        case "month":
          mo = Number(part.value);
          break;
        case "day":
          d = Number(part.value);
          break;
        case "hour":
          h = Number(part.value);
          break;
        case "minute":
          mi = Number(part.value);
          break;
        case "second":
          s = Number(part.value);
          break;
      }
    }
    const wall = Date.UTC(y, mo - 1, d, h, mi, s);
    // Date.UTC maps years 0..99 to 1900..1999.
    return (y < 100 ? new Date(wall).setUTCFullYear(y) : wall) + (utcMs - seconds);
  };
  // formatToParts costs microseconds; offsets are cached per UTC hour in which they do not change
  // (NaN marks an hour holding a transition, computed exactly each time).
  const hourOffsets = new Map<number, number>();
  const offsetAt = (utcMs: number): number => {
    const hour = Math.floor(utcMs / HOUR_MS);
    let offset = hourOffsets.get(hour);
    if (offset === undefined) {
      const first = formatWall(hour * HOUR_MS) - hour * HOUR_MS;
      const last = formatWall((hour + 1) * HOUR_MS - 1000) - ((hour + 1) * HOUR_MS - 1000);
      offset = first === last ? first : Number.NaN;
      if (hourOffsets.size >= MAX_CACHED_HOURS) hourOffsets.clear();
      hourOffsets.set(hour, offset);
    }
    return Number.isNaN(offset) ? formatWall(utcMs) - utcMs : offset;
  };
  const utcToWall = (utcMs: number): number => utcMs + offsetAt(utcMs);
  const wallToUtc = (wallMs: number): number => {
    const before = offsetAt(wallMs - DAY_MS);
    const after = offsetAt(wallMs + DAY_MS);
    if (before === after) return wallMs - before;
    const early = wallMs - before;
    const late = wallMs - after;
    const earlyValid = offsetAt(early) === before;
    const lateValid = offsetAt(late) === after;
    // RFC 5545 §3.3.5: an ambiguous time (fall back) is the first occurrence; a time in the
    // spring-forward gap is read with the offset from before the gap.
    if (earlyValid && lateValid) return Math.min(early, late);
    if (earlyValid) return early;
    if (lateValid) return late;
    return wallMs - before;
  };
  return { iana: name, isFloating: false, isUtc: false, wallToUtc, utcToWall };
}

function icalTimeFromWall(wallMs: number): ICAL.Time {
  const d = new Date(wallMs);
  return ICAL.Time.fromData({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    isDate: false,
  });
}

/** A zone defined by a VTIMEZONE block that no IANA name matches (e.g. Outlook display names). */
export function vtimezoneZone(vtimezoneText: string, tzid: string): Zone | null {
  try {
    const component = new ICAL.Component(ICAL.parse(vtimezoneText));
    const timezone = ICAL.Timezone.fromData({ component, tzid });
    const offsetAt = (wallMs: number): number => timezone.utcOffset(icalTimeFromWall(wallMs)) * 1000;
    return {
      iana: null,
      isFloating: false,
      isUtc: false,
      wallToUtc: (wallMs) => wallMs - offsetAt(wallMs),
      utcToWall: (utcMs) => {
        const guess = utcMs + offsetAt(utcMs);
        return utcMs + offsetAt(guess);
      },
    };
  } catch {
    return null;
  }
}
