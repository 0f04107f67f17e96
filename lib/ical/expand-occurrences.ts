/**
 * Expands a series into the occurrences that overlap [rangeStart, rangeEnd) for the range
 * query, honouring RRULE, RDATE, EXDATE, RECURRENCE-ID overrides (moved in or out of the
 * range, cancelled ones hidden) and the event's time zone.
 *
 * A series whose rules are beyond Concord's limits or whose expansion runs out of budget
 * (expansion-budget.ts) is kept, never dropped: it shows its first occurrence (DTSTART) and
 * its overrides, and says so through `isTooComplex`.
 */
import type { EventBudget } from "./expansion-budget.ts";
import { formatDate, formatInstant, toUtcMs } from "./ical-time.ts";
import { listSeriesStarts } from "./list-series-starts.ts";
import { occurrenceEnd, parseEventResource } from "./parse-event-resource.ts";
import type { Occurrence, ParsedEvent, VeventData } from "./types.ts";

/** Default cap on returned occurrences, so open-ended minutely rules stay cheap. */
export const DEFAULT_MAX_OCCURRENCES = 2_000;

function overlaps(start: number, end: number, rangeStart: number, rangeEnd: number): boolean {
  // A zero-length event belongs to the range its instant falls in.
  return end > start ? start < rangeEnd && end > rangeStart : start >= rangeStart && start < rangeEnd;
}

function fromOverride(override: VeventData, master: VeventData | null): Occurrence {
  const key = override.recurrenceIdKey ?? override.startUtc;
  const isDate = override.recurrenceId?.isDate ?? override.start.isDate;
  return {
    originalStart: isDate ? formatDate(key) : formatInstant(key),
    start: override.fields.start,
    end: override.fields.end,
    allDay: override.start.isDate,
    timeZone: override.fields.timeZone,
    fields: master ? { ...override.fields, recurrence: master.fields.recurrence } : override.fields,
    isOverride: true,
  };
}

export interface ExpandParams {
  ical?: string;
  parsed?: ParsedEvent;
  /** Range start (a Date or an RFC 3339 string). */
  rangeStart: Date | string;
  rangeEnd: Date | string;
  maxOccurrences?: number;
  /** This event's share of the request's budget; a budget of its own by default. */
  budget?: EventBudget;
}

export interface ExpandedSeries {
  occurrences: Occurrence[];
  /** True when only the first occurrence (and the overrides) could be shown. */
  isTooComplex: boolean;
}

export function expandOccurrences(params: ExpandParams): Occurrence[] {
  return expandSeriesWithinBudget(params).occurrences;
}

export function expandSeriesWithinBudget(params: ExpandParams): ExpandedSeries {
  const parsed = params.parsed ?? parseEventResource(params.ical ?? "", { withSpan: false });
  const rangeStart = new Date(params.rangeStart).getTime();
  const rangeEnd = new Date(params.rangeEnd).getTime();
  const max = params.maxOccurrences ?? DEFAULT_MAX_OCCURRENCES;
  const master = parsed.master;
  const overridesByKey = new Map<number, VeventData>();
  for (const override of parsed.overrideData)
    overridesByKey.set(override.recurrenceIdKey ?? override.startUtc, override);
  const out: Occurrence[] = [];
  let isTooComplex = false;

  if (master) {
    // Occurrences that start before the range can still overlap it.
    const reach = Math.max(master.durationMs, master.endUtc - master.startUtc) + 2 * 86_400_000;
    const listed = listSeriesStarts({
      master,
      fromUtc: rangeStart - reach,
      toUtc: rangeEnd,
      maxCount: max + overridesByKey.size,
      budget: params.budget,
    });
    isTooComplex = listed.isTooComplex;
    const starts = listed.starts;
    const isDate = master.start.isDate;
    for (const start of starts) {
      if (overridesByKey.has(start.utcMs)) continue; // Overrides are placed below, wherever they moved.
      const endMs = occurrenceEnd(master, start.wallMs, start.utcMs);
      if (!overlaps(start.utcMs, endMs, rangeStart, rangeEnd)) continue;
      const startText = isDate ? formatDate(start.utcMs) : formatInstant(start.utcMs);
      const endText = isDate ? formatDate(endMs) : formatInstant(endMs);
      out.push({
        originalStart: startText,
        start: startText,
        end: endText,
        allDay: isDate,
        timeZone: master.fields.timeZone,
        fields: { ...master.fields, start: startText, end: endText },
        isOverride: false,
      });
    }
  }
  for (const override of parsed.overrideData) {
    if (override.fields.status === "cancelled") continue;
    if (!overlaps(override.startUtc, override.endUtc, rangeStart, rangeEnd)) continue;
    // An override of an EXDATE'd occurrence stays hidden (the occurrence no longer exists).
    if (master && isExdated(master, override.recurrenceIdKey)) continue;
    out.push(fromOverride(override, master));
  }
  out.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.originalStart.localeCompare(b.originalStart));
  if (out.length > max) out.length = max;
  return { occurrences: out, isTooComplex };
}

function isExdated(master: VeventData, key: number | null): boolean {
  if (key === null) return false;
  for (const exdate of master.exdates) {
    if (master.start.isDate || !exdate.isDate) {
      if (toUtcMs(exdate) === key) return true;
    } else if (Math.floor(master.start.zone.utcToWall(key) / 86_400_000) === Math.floor(exdate.wallMs / 86_400_000)) {
      return true;
    }
  }
  return false;
}
