/** Writes DTSTART/DTEND/RECURRENCE-ID/EXDATE lines from API times (RFC 5545 §3.3.5). */
import type { ContentLine } from "./content-lines.ts";
import { formatPropertyLine } from "./format-property-line.ts";
import { formatIcalUtc, formatIcalWall } from "./ical-time.ts";
import { ianaNameForTzid } from "./resolve-zone.ts";
import { FLOATING_TIME_ZONE } from "./types.ts";
import { ianaZone } from "./zones.ts";

export interface TimeLineResult {
  line: ContentLine;
  /** IANA zone referenced by TZID, which then needs a VTIMEZONE. */
  tzid: string | null;
}

/**
 * `ms` is a UTC instant (or wall-as-UTC for dates and floating). `timeZone` is an IANA name,
 * "floating" or null (UTC); an unknown name is written in UTC so the instant stays right.
 */
export function writeTimeLine(name: string, ms: number, isDate: boolean, timeZone: string | null): TimeLineResult {
  if (isDate) return { line: formatPropertyLine(name, { VALUE: "DATE" }, formatIcalWall(ms, true)), tzid: null };
  if (timeZone === FLOATING_TIME_ZONE)
    return { line: formatPropertyLine(name, {}, formatIcalWall(ms, false)), tzid: null };
  const iana = timeZone ? ianaNameForTzid(timeZone) : null;
  const zone = iana && iana !== "UTC" ? ianaZone(iana) : null;
  if (!zone || !iana) return { line: formatPropertyLine(name, {}, formatIcalUtc(ms)), tzid: null };
  return { line: formatPropertyLine(name, { TZID: iana }, formatIcalWall(zone.utcToWall(ms), false)), tzid: iana };
}
