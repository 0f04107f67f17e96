/** Google's EventDateTime: `date` for all-day, else `dateTime` (+ optional `timeZone`). */
export interface EventTime {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

/** An event resource as stored and served; unknown fields are kept as sent. */
export interface EventResource {
  id: string;
  kind?: string;
  etag?: string;
  status?: string;
  iCalUID?: string;
  sequence?: number;
  created?: string;
  updated?: string;
  summary?: string;
  start?: EventTime;
  end?: EventTime;
  recurrence?: string[];
  recurringEventId?: string;
  originalStartTime?: EventTime;
  [field: string]: unknown;
}

/** Milliseconds since the epoch for the start of an EventTime (all-day dates read as UTC midnight). */
export function eventTimeMs(time: EventTime | undefined): number {
  if (!time) return Number.NaN;
  if (time.date) return Date.parse(`${time.date}T00:00:00Z`);
  return Date.parse(time.dateTime ?? "");
}
