import type { calendar_v3 } from "@googleapis/calendar";

/** A Google event resource, unknown fields included (they must survive a round trip). */
export type GoogleEvent = calendar_v3.Schema$Event & Record<string, unknown>;
export type GoogleEventTime = calendar_v3.Schema$EventDateTime;

/** Fields Concord maps to iCalendar properties; every other field travels as JSON. */
export const MODELLED_FIELDS = new Set([
  "kind",
  "etag",
  "id",
  "iCalUID",
  "summary",
  "description",
  "location",
  "start",
  "end",
  "recurrence",
  "status",
  "transparency",
  "visibility",
  "sequence",
  "created",
  "updated",
  "recurringEventId",
  "originalStartTime",
]);

/** Fields Google sets itself; never sent back on a write (Event reference, "writable" column). */
export const READ_ONLY_FIELDS = new Set(["htmlLink", "creator", "organizer", "hangoutLink", "privateCopy", "locked"]);

/** Splits `{masterId}_{YYYYMMDD[THHMMSSZ]}` (observed Google instance ids); null for other ids. */
export function parseInstanceId(id: string): { masterId: string; stamp: string } | null {
  const match = /^([a-v0-9]+)_(\d{8}(?:T\d{6}Z)?)$/.exec(id);
  return match?.[1] && match[2] ? { masterId: match[1], stamp: match[2] } : null;
}

/** The id of the series an item belongs to (its own id for masters and single events). */
export function seriesIdOf(event: GoogleEvent): string {
  const id = event.id ?? "";
  return event.recurringEventId ?? parseInstanceId(id)?.masterId ?? id;
}
