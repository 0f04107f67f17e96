/** Reads one VEVENT's content lines into numbers and API fields (RFC 5545 §3.6.1). */
import { parsePropertyLine, type ContentComponent } from "./content-lines.ts";
import { unescapeText } from "./format-property-line.ts";
import { IcalParseError } from "./ical-parse-error.ts";
import { formatDate, formatInstant, readTimeList, readTimeProperty, toUtcMs, type TimeContext } from "./ical-time.ts";
import { FLOATING_TIME_ZONE, type EventStatus, type IcalTimeValue, type VeventData } from "./types.ts";

const DAY_MS = 86_400_000;
const DURATION = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const RECURRENCE_PROPERTIES = new Set(["RRULE", "RDATE", "EXDATE", "EXRULE"]);

/** RFC 5545 §3.3.6 DURATION as nominal days plus exact seconds. */
export function readDuration(value: string): { days: number; seconds: number } {
  const match = DURATION.exec(value.trim().toUpperCase());
  if (!match) throw new IcalParseError(`invalid duration "${value.slice(0, 30)}"`);
  const sign = match[1] === "-" ? -1 : 1;
  const n = (i: number): number => Number(match[i] ?? 0);
  return { days: sign * (n(2) * 7 + n(3)), seconds: sign * (n(4) * 3600 + n(5) * 60 + n(6)) };
}

export function readStatus(value: string | undefined): EventStatus {
  const status = value?.trim().toLowerCase();
  return status === "tentative" || status === "cancelled" ? status : "confirmed";
}

/** Formats an instant or date the way EventFields carries it. */
export function formatFieldTime(value: IcalTimeValue, utcMs: number): string {
  return value.isDate ? formatDate(value.wallMs) : formatInstant(utcMs);
}

/** Reads a VEVENT. Throws IcalParseError when DTSTART is missing or malformed. */
export function readVevent(component: ContentComponent, context: TimeContext): VeventData {
  context.unknownZone = false;
  let uid = "";
  let summary = "";
  let location: string | null = null;
  let description: string | null = null;
  let status: EventStatus = "confirmed";
  let sequence = 0;
  let start: IcalTimeValue | null = null;
  let end: IcalTimeValue | null = null;
  let duration: string | null = null;
  let recurrenceId: IcalTimeValue | null = null;
  const recurrence: string[] = [];
  const rrules: string[] = [];
  const exrules: string[] = [];
  const rdates: IcalTimeValue[] = [];
  const exdates: IcalTimeValue[] = [];
  for (const child of component.children) {
    if (child.kind !== "line") continue;
    switch (child.name) {
      case "UID":
        uid = parsePropertyLine(child.text).value.trim();
        break;
      case "SUMMARY":
        summary = unescapeText(parsePropertyLine(child.text).value);
        break;
      case "LOCATION":
        location = unescapeText(parsePropertyLine(child.text).value);
        break;
      case "DESCRIPTION":
        description = unescapeText(parsePropertyLine(child.text).value);
        break;
      case "STATUS":
        status = readStatus(parsePropertyLine(child.text).value);
        break;
      case "SEQUENCE":
        sequence = Number.parseInt(parsePropertyLine(child.text).value, 10) || 0;
        break;
      case "DTSTART":
        start = readTimeProperty(parsePropertyLine(child.text), context);
        break;
      case "DTEND":
        end = readTimeProperty(parsePropertyLine(child.text), context);
        break;
      case "DURATION":
        duration = parsePropertyLine(child.text).value;
        break;
      case "RECURRENCE-ID":
        recurrenceId = readTimeProperty(parsePropertyLine(child.text), context);
        break;
      case "RRULE":
        rrules.push(parsePropertyLine(child.text).value);
        break;
      case "EXRULE":
        exrules.push(parsePropertyLine(child.text).value);
        break;
      case "RDATE":
        rdates.push(...readTimeList(parsePropertyLine(child.text), context));
        break;
      case "EXDATE":
        exdates.push(...readTimeList(parsePropertyLine(child.text), context));
        break;
    }
    if (RECURRENCE_PROPERTIES.has(child.name)) recurrence.push(child.text);
  }
  if (!start) throw new IcalParseError("VEVENT without DTSTART");
  const startUtc = toUtcMs(start);
  let endUtc: number;
  let durationMs: number;
  let isDurationWall = true;
  if (end && end.isDate === start.isDate && (end.zone === start.zone || start.isDate)) {
    durationMs = end.wallMs - start.wallMs;
    endUtc = start.isDate ? end.wallMs : end.zone.wallToUtc(end.wallMs);
  } else if (end) {
    endUtc = toUtcMs(end);
    durationMs = endUtc - startUtc;
    isDurationWall = false;
  } else if (duration) {
    // §3.3.6: days and weeks are nominal (wall clock), hours/minutes/seconds exact.
    const { days, seconds } = readDuration(duration);
    const wallEnd = start.wallMs + days * DAY_MS;
    endUtc = (start.isDate ? wallEnd : start.zone.wallToUtc(wallEnd)) + seconds * 1000;
    durationMs = days * DAY_MS + seconds * 1000;
  } else {
    // §3.6.1: without DTEND/DURATION a DATE event lasts one day, a DATE-TIME event is an instant.
    durationMs = start.isDate ? DAY_MS : 0;
    endUtc = startUtc + durationMs;
  }
  if (endUtc < startUtc || (start.isDate && endUtc === startUtc)) {
    durationMs = start.isDate ? DAY_MS : 0;
    endUtc = startUtc + durationMs;
    isDurationWall = true;
  }
  const timeZone = start.isDate ? null : (start.zone.iana ?? (start.zone.isFloating ? FLOATING_TIME_ZONE : null));
  return {
    uid,
    fields: {
      title: summary,
      start: formatFieldTime(start, startUtc),
      end: start.isDate ? formatDate(endUtc) : formatInstant(endUtc),
      allDay: start.isDate,
      timeZone: timeZone === "UTC" ? null : timeZone,
      location,
      description,
      recurrence,
      status,
    },
    start,
    startUtc,
    endUtc,
    durationMs,
    isDurationWall,
    rrules,
    exrules,
    rdates,
    exdates,
    recurrenceId,
    recurrenceIdKey: recurrenceId ? toUtcMs(recurrenceId) : null,
    sequence,
    hasUnknownZone: context.unknownZone,
  };
}
