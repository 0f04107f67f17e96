/**
 * Turns requested field values into valid EventFields: instants in UTC (EventFields' form),
 * all-day dates as `YYYY-MM-DD`, a known IANA zone, and an end that is not before the start
 * (422 otherwise). A timed event may end when it starts: RFC 5545 §3.6.1 gives a DATE-TIME
 * DTSTART without DTEND that length ("Call the plumber"), so such events must stay editable.
 * An all-day event covers at least one day (its end date is exclusive).
 */
import { AppError } from "../errors/app-error.ts";
import type { EventFields } from "../ical/types.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

function invalid(message: string): AppError {
  return new AppError("validation_failed", message);
}

function toDate(value: string, name: string): string {
  const day = value.slice(0, 10);
  if (!DATE.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
    throw invalid(`${name} must be a date (YYYY-MM-DD).`);
  return day;
}

function toInstant(value: string, name: string): string {
  const ms = Date.parse(value);
  if (!DATE_TIME.test(value) || Number.isNaN(ms))
    throw invalid(`${name} must be an RFC 3339 date-time with an offset.`);
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function isKnownZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function validateEventFields(fields: EventFields): EventFields {
  const result = { ...fields };
  if (result.allDay) {
    result.start = toDate(result.start, "start");
    result.end = toDate(result.end, "end");
    result.timeZone = null;
  } else if (result.timeZone !== "floating") {
    result.start = toInstant(result.start, "start");
    result.end = toInstant(result.end, "end");
    if (result.timeZone !== null && !isKnownZone(result.timeZone)) throw invalid("timeZone must be an IANA time zone.");
  }
  const length = Date.parse(result.end) - Date.parse(result.start);
  if (result.allDay && length <= 0) throw invalid("end must be after start (the end date is exclusive).");
  if (length < 0) throw invalid("end must not be before start.");
  if (!result.title.trim() && result.title.length > 0) result.title = "";
  for (const line of result.recurrence) {
    if (!/^(RRULE|RDATE|EXDATE|EXRULE)[;:]/i.test(line.trim()))
      throw invalid("recurrence holds RRULE, RDATE, EXDATE or EXRULE lines only.");
  }
  return result;
}
