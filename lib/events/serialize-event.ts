/**
 * The docs/api.md event object of one Event row. The `etag` is Concord's own (the row's version),
 * not the remote's: clients send it back as `If-Match` and Concord compares it with the row.
 */
import type { Event } from "../db/generated/client.ts";
import { formatDate, formatInstant } from "../ical/ical-time.ts";
import { parseEventResource } from "../ical/parse-event-resource.ts";
import type { EventStatus } from "../ical/types.ts";

export interface ApiEvent {
  id: string;
  calendarId: string;
  uid: string;
  title: string;
  start: string;
  end: string;
  allDay: boolean;
  timeZone: string | null;
  location: string | null;
  description: string | null;
  /** RRULE / RDATE / EXDATE lines; present on series only. */
  recurrence?: string[];
  /**
   * Present (true) on a series whose rule is beyond Concord's recurrence limits: it is kept as
   * it is, and the range query shows only its first occurrence.
   */
  recurrenceTooComplex?: true;
  status: EventStatus;
  syncState: "synced" | "pending" | "conflict";
  readOnly: boolean;
  etag: string;
  updatedAt: string;
}

/** The columns serializeEvent reads; `calendar.readOnly` comes from the event's calendar. */
export type EventRowForApi = Pick<
  Event,
  | "id"
  | "calendarId"
  | "uid"
  | "ical"
  | "title"
  | "startAt"
  | "endAt"
  | "timeZone"
  | "allDay"
  | "location"
  | "description"
  | "status"
  | "isRecurring"
  | "syncState"
  | "version"
  | "updatedAt"
> & { calendar: { readOnly: boolean } };

/** Concord's entity tag of an event row: quoted, changes with every local or remote edit. */
export function eventEtag(row: { version: number }): string {
  return `"v${row.version}"`;
}

/** Instant or date text of a stored column: all-day values are stored at midnight UTC (floating). */
export function formatStoredTime(value: Date, allDay: boolean): string {
  return allDay ? formatDate(value.getTime()) : formatInstant(value.getTime());
}

function readStatus(value: string): EventStatus {
  return value === "tentative" || value === "cancelled" ? value : "confirmed";
}

export function serializeEvent(row: EventRowForApi): ApiEvent {
  let start = row.startAt ? formatStoredTime(row.startAt, row.allDay) : "";
  let end = row.endAt ? formatStoredTime(row.endAt, row.allDay) : "";
  let recurrence: string[] | undefined;
  let isTooComplex = false;
  // Recurrence lines are not stored as columns; read them from the payload only for series.
  // Listings never expand a series (no span): only the static limits mark it here.
  if (row.isRecurring || !start || !end) {
    try {
      const parsed = parseEventResource(row.ical, { withSpan: false });
      if (row.isRecurring) recurrence = parsed.fields.recurrence;
      isTooComplex = row.isRecurring && parsed.isRecurrenceTooComplex;
      start ||= parsed.fields.start;
      end ||= parsed.fields.end;
    } catch {
      // Rows whose payload no longer parses carry parseError and are never listed; keep columns.
    }
  }
  return {
    id: row.id,
    calendarId: row.calendarId,
    uid: row.uid,
    title: row.title,
    start,
    end,
    allDay: row.allDay,
    timeZone: row.timeZone,
    location: row.location,
    description: row.description,
    ...(recurrence ? { recurrence } : {}),
    ...(isTooComplex ? { recurrenceTooComplex: true as const } : {}),
    status: readStatus(row.status),
    syncState: row.syncState.toLowerCase() as ApiEvent["syncState"],
    readOnly: row.calendar.readOnly,
    etag: eventEtag(row),
    updatedAt: row.updatedAt.toISOString(),
  };
}
