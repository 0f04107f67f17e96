import { renewWatchChannels } from "../google-connection/renew-watch-channels.ts";
import { pullCalendar } from "../sync/pull-calendar.ts";
import { pushCalendar } from "../sync/push-calendar.ts";
import { refreshCalendarList } from "../sync/calendar-list/refresh-calendar-list.ts";
import { syncConnection } from "../sync/sync-connection.ts";

/**
 * The lib/sync and lib/google entry points the functions call, behind one seam so function
 * tests can run the real step code against test doubles (`useSyncOperations`), the same way
 * `useDb` swaps the database.
 */
export interface PushCalendarResult {
  pushed: number;
  conflicts: number;
  failed: number;
  /** Set when the remote throttled part of the outbox: push the rest after this long. */
  retryAfterMs?: number;
}

export interface SyncOperations {
  pullCalendar(params: { calendarId: string }): Promise<unknown>;
  syncConnection(params: { connectionId: string }): Promise<unknown>;
  refreshCalendarList(params: { connectionId: string }): Promise<unknown>;
  pushCalendar(params: { calendarId: string }): Promise<PushCalendarResult>;
  renewWatchChannels(params: { now: Date }): Promise<unknown>;
}

const realOperations: SyncOperations = {
  pullCalendar: ({ calendarId }) => pullCalendar({ calendarId }),
  syncConnection: ({ connectionId }) => syncConnection({ connectionId }),
  refreshCalendarList: ({ connectionId }) => refreshCalendarList({ connectionId }),
  pushCalendar: ({ calendarId }) => pushCalendar({ calendarId }),
  renewWatchChannels: ({ now }) => renewWatchChannels({ now }),
};

const holder = globalThis as typeof globalThis & { __concordSyncOperations?: Partial<SyncOperations> };

/** The operations in use: the real ones, each replaced by a test double when one is installed. */
export function syncOperations(): SyncOperations {
  return { ...realOperations, ...holder.__concordSyncOperations };
}

/** Installs test doubles (tests only); `undefined` restores the real operations. */
export function useSyncOperations(operations: Partial<SyncOperations> | undefined): void {
  holder.__concordSyncOperations = operations;
}
