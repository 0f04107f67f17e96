/**
 * Writes a time the way the series' DTSTART is written (same TZID text, DATE vs DATE-TIME),
 * as RFC 5545 §3.8.4.4 and §3.8.5.1 ask of RECURRENCE-ID and EXDATE, and as servers match them.
 */
import { firstProperty, parsePropertyLine, type ContentComponent, type ContentLine } from "./content-lines.ts";
import { formatPropertyLine } from "./format-property-line.ts";
import { formatIcalUtc, formatIcalWall } from "./ical-time.ts";
import type { VeventData } from "./types.ts";

/** Formats the value only (no name/params): for UNTIL and list edits. */
export function formatMasterValue(master: VeventData, key: number): string {
  if (master.start.isDate) return formatIcalWall(key, true);
  if (master.start.zone.isUtc) return formatIcalUtc(key);
  return formatIcalWall(master.start.zone.utcToWall(key), false);
}

export function writeMasterFormTime(
  name: string,
  master: VeventData,
  masterComponent: ContentComponent,
  key: number | number[],
): ContentLine {
  const keys = Array.isArray(key) ? key : [key];
  const dtstart = firstProperty(masterComponent, "DTSTART");
  const params: Record<string, string> = {};
  if (master.start.isDate) params.VALUE = "DATE";
  else if (dtstart && !master.start.zone.isUtc) {
    const tzid = parsePropertyLine(dtstart.text).params.TZID;
    if (tzid) params.TZID = tzid;
  }
  return formatPropertyLine(name, params, keys.map((k) => formatMasterValue(master, k)).join(","));
}
