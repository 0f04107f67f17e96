/**
 * Asks the adapter for the changes since the stored cursor. A refused cursor (CursorExpired:
 * Google 410, CalDAV DAV:valid-sync-token) falls back to a full listing from no cursor; the
 * engine then reconciles by etag and sweeps, it never wipes rows wholesale (docs/design.md
 * "Provider interface").
 */
import { CursorExpired } from "../../providers/errors.ts";
import type { CalendarProvider, CalendarRef, Cursor, PullResult } from "../../providers/types.ts";

export interface FetchedChanges extends PullResult {
  /** True when this pull listed the whole calendar (first pull or after CursorExpired). */
  isFullPull: boolean;
}

export async function fetchRemoteChanges(params: {
  provider: CalendarProvider;
  calendar: CalendarRef;
  cursor: Cursor | null;
}): Promise<FetchedChanges> {
  const { provider, calendar, cursor } = params;
  if (cursor) {
    try {
      const result = await provider.pull({ calendar, cursor });
      return { ...result, isFullPull: result.isFullListing };
    } catch (error) {
      if (!(error instanceof CursorExpired)) throw error;
    }
  }
  const result = await provider.pull({ calendar, cursor: null });
  return { ...result, isFullPull: true };
}

/** The stored cursor of a calendar row, or null when it has none (first pull). */
export function storedCursor(calendar: { syncToken: string | null; ctag: string | null }): Cursor | null {
  if (!calendar.syncToken && !calendar.ctag) return null;
  return { syncToken: calendar.syncToken, ctag: calendar.ctag };
}
