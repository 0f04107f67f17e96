/**
 * docs/api.md: the id of an occurrence of a series is `eventId` + `:` + original start. Event ids
 * never contain a colon; the original start (RFC 3339 or `YYYY-MM-DD`) may.
 */
export interface OccurrenceId {
  eventId: string;
  /** Original start of the occurrence (its RECURRENCE-ID), or null for a plain event id. */
  originalStart: string | null;
}

export function parseOccurrenceId(id: string): OccurrenceId {
  const colon = id.indexOf(":");
  if (colon < 0) return { eventId: id, originalStart: null };
  return { eventId: id.slice(0, colon), originalStart: id.slice(colon + 1) || null };
}
