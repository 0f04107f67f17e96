/**
 * Parses one CalDAV resource (or a converted Google event) into the normalised record the
 * Event row stores: master fields, UTC span, series span and an overrides summary.
 */
import type { EventBudget } from "./expansion-budget.ts";
import { formatDate, formatInstant } from "./ical-time.ts";
import { IcalParseError } from "./ical-parse-error.ts";
import { listSeriesStarts } from "./list-series-starts.ts";
import { readCalendar } from "./read-calendar.ts";
import { findRuleProblem } from "./recurrence-limits.ts";
import type { OverrideSummary, ParsedEvent, VeventData } from "./types.ts";

/** Finite rules longer than this many occurrences are treated as open-ended for the span. */
const MAX_SPAN_OCCURRENCES = 20_000;

function summarise(override: VeventData): OverrideSummary {
  const key = override.recurrenceIdKey ?? override.startUtc;
  return {
    recurrenceId: override.recurrenceId?.isDate ? formatDate(key) : formatInstant(key),
    start: override.fields.start,
    end: override.fields.end,
    status: override.fields.status,
    isCancelled: override.fields.status === "cancelled",
  };
}

/** End of an occurrence starting at `wallMs`/`utcMs`, keeping wall-clock length across DST. */
export function occurrenceEnd(master: VeventData, wallMs: number, utcMs: number): number {
  if (master.start.isDate) return wallMs + master.durationMs;
  if (master.isDurationWall) return master.start.zone.wallToUtc(wallMs + master.durationMs);
  return utcMs + master.durationMs;
}

/**
 * First start and last end of a series. A series too complex to expand within its budget
 * starts at DTSTART and counts as open-ended: the span may only ever be too wide (the range
 * query then looks at the row and shows its first occurrence), never too narrow.
 */
function seriesSpan(
  master: VeventData,
  budget: EventBudget | undefined,
): { start: number; end: number | null; isTooComplex: boolean } {
  const isFinite = master.rrules.every((rule) => /(^|;)\s*(COUNT|UNTIL)=/i.test(rule));
  const all = listSeriesStarts({
    master,
    fromUtc: -Infinity,
    toUtc: Infinity,
    maxCount: isFinite ? MAX_SPAN_OCCURRENCES : 1,
    budget,
  });
  if (all.isTooComplex) return { start: master.startUtc, end: null, isTooComplex: true };
  const first = all.starts[0];
  const start = first ? first.utcMs : master.startUtc;
  if (!isFinite || all.isTruncated) return { start, end: null, isTooComplex: false };
  const last = all.starts[all.starts.length - 1];
  return { start, end: last ? occurrenceEnd(master, last.wallMs, last.utcMs) : master.endUtc, isTooComplex: false };
}

/**
 * Parses iCalendar text. Throws {@link IcalParseError} when it holds no readable VEVENT.
 * `budget` bounds the series span's expansion (a budget of its own by default). Without
 * `withSpan` (for callers that expand or edit and never read the span) no expansion runs:
 * the span is DTSTART onwards, open-ended, and only the static limits mark the series.
 */
export function parseEventResource(
  icalText: string,
  options: { budget?: EventBudget; withSpan?: boolean } = {},
): ParsedEvent {
  const data = readCalendar(icalText);
  const { master, overrides } = data;
  const primary = master ?? [...overrides].sort((a, b) => a.startUtc - b.startUtc)[0];
  if (!primary) throw new IcalParseError("no VEVENT component");
  const uid = primary.uid || overrides.find((o) => o.uid)?.uid || "";
  if (!uid) throw new IcalParseError("VEVENT without UID");
  const isRecurring = master ? master.rrules.length > 0 || master.rdates.length > 0 || overrides.length > 0 : true;
  let seriesStart = primary.startUtc;
  let seriesEnd: number | null = primary.endUtc;
  let isTooComplex = master !== null && master.rrules.some((rule) => findRuleProblem(rule) !== null);
  if (master && isRecurring && options.withSpan === false) {
    seriesEnd = null;
  } else if (master && isRecurring) {
    const span = seriesSpan(master, options.budget);
    seriesStart = span.start;
    seriesEnd = span.end;
    isTooComplex ||= span.isTooComplex;
  }
  for (const override of overrides) {
    if (override.fields.status === "cancelled") continue;
    seriesStart = Math.min(seriesStart, override.startUtc);
    if (seriesEnd !== null) seriesEnd = Math.max(seriesEnd, override.endUtc);
  }
  return {
    uid,
    fields: primary.fields,
    startAt: new Date(primary.startUtc),
    endAt: new Date(primary.endUtc),
    allDay: primary.start.isDate,
    isFloating: !primary.start.isDate && (primary.start.zone.isFloating || primary.hasUnknownZone),
    isRecurring,
    hasMaster: master !== null,
    sequence: primary.sequence,
    seriesStart: new Date(seriesStart),
    seriesEnd: seriesEnd === null ? null : new Date(seriesEnd),
    isRecurrenceTooComplex: isTooComplex,
    overrides: overrides.map(summarise),
    master,
    overrideData: overrides,
  };
}
