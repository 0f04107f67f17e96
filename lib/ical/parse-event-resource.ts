/**
 * Parses one CalDAV resource (or a converted Google event) into the normalised record the
 * Event row stores: master fields, UTC span, series span and an overrides summary.
 */
import { formatDate, formatInstant } from "./ical-time.ts";
import { IcalParseError } from "./ical-parse-error.ts";
import { listSeriesStarts } from "./list-series-starts.ts";
import { readCalendar } from "./read-calendar.ts";
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

function seriesSpan(master: VeventData): { start: number; end: number | null } {
  const isFinite = master.rrules.every((rule) => /(^|;)\s*(COUNT|UNTIL)=/i.test(rule));
  const all = listSeriesStarts({
    master,
    fromUtc: -Infinity,
    toUtc: Infinity,
    maxCount: isFinite ? MAX_SPAN_OCCURRENCES : 1,
  });
  const first = all.starts[0];
  const start = first ? first.utcMs : master.startUtc;
  if (!isFinite || all.isTruncated) return { start, end: null };
  const last = all.starts[all.starts.length - 1];
  return { start, end: last ? occurrenceEnd(master, last.wallMs, last.utcMs) : master.endUtc };
}

/** Parses iCalendar text. Throws {@link IcalParseError} when it holds no readable VEVENT. */
export function parseEventResource(icalText: string): ParsedEvent {
  const data = readCalendar(icalText);
  const { master, overrides } = data;
  const primary = master ?? [...overrides].sort((a, b) => a.startUtc - b.startUtc)[0];
  if (!primary) throw new IcalParseError("no VEVENT component");
  const uid = primary.uid || overrides.find((o) => o.uid)?.uid || "";
  if (!uid) throw new IcalParseError("VEVENT without UID");
  const isRecurring = master ? master.rrules.length > 0 || master.rdates.length > 0 || overrides.length > 0 : true;
  let seriesStart = primary.startUtc;
  let seriesEnd: number | null = primary.endUtc;
  if (master && isRecurring) {
    const span = seriesSpan(master);
    seriesStart = span.start;
    seriesEnd = span.end;
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
    overrides: overrides.map(summarise),
    master,
    overrideData: overrides,
  };
}
