/** Locates the VEVENT overriding one occurrence (RFC 5545 §3.8.4.4 RECURRENCE-ID). */
import { parseApiTime } from "./ical-time.ts";
import type { CalendarData } from "./read-calendar.ts";

/** Key of an API occurrence id (RFC 3339 instant or YYYY-MM-DD), comparable to VeventData.recurrenceIdKey. */
export function recurrenceKey(recurrenceId: string): number {
  return parseApiTime(recurrenceId).ms;
}

/** Index into data.overrides / data.overrideComponents, or -1. */
export function findOverrideIndex(data: CalendarData, key: number): number {
  return data.overrides.findIndex((o) => o.recurrenceIdKey === key);
}
