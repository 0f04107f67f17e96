/**
 * A Calendar row as docs/api.md "Calendars" shows it: the local name/colour override wins over the
 * remote's, states are lower-case. Local changes the server refused for good (a 403 on the
 * write: lib/sync/push/defer-event.ts) make the calendar show `error` with a sentence saying
 * so, since each of those events otherwise only ever looks "pending".
 */
import type { Calendar, Connection } from "../db/generated/client.ts";
import { providerNameOf } from "../connections/provider-name-of.ts";
import type { ProviderName } from "../providers/types.ts";
import { heldRefsOf } from "../sync/pull-calendar.ts";

export interface CalendarView {
  id: string;
  connectionId: string;
  provider: ProviderName;
  name: string;
  color: string | null;
  timeZone: string | null;
  readOnly: boolean;
  enabled: boolean;
  lastSyncedAt: string | null;
  syncState: "ok" | "syncing" | "held" | "error";
  syncError: string | null;
  /** How many remote deletions wait for confirmation (syncState `held`). */
  heldDeletions: number;
  /** Local changes the server refused to take (they stay here, unsent). */
  unsentChanges: number;
  /** Events stored for this calendar (a series counts once); present in listings. */
  eventCount?: number;
  /**
   * While a pull runs: remote objects received so far and how many of them are saved (a first
   * sync of a large calendar shows "events so far"); null otherwise. Present in listings.
   */
  progress?: { received: number; saved: number } | null;
}

function unsentMessage(count: number, pullError: string | null, reason: string | null): string {
  const [changes, they, them] = count === 1 ? ["change", "It is", "it"] : ["changes", "They are", "them"];
  const refusal = reason ? `the server refused ${them} (${reason}).` : "the server refused to write to this calendar.";
  const sentence =
    `${count} ${changes} made here could not be sent: ${refusal} ` +
    `${they} kept here only: "Sync now" tries again, or move ${them} to a calendar you can write to, or ` +
    `delete ${them} here.`;
  return pullError ? `${sentence} ${pullError}` : sentence;
}

function goneMessage(count: number): string {
  const [changes, they, them] = count === 1 ? ["change", "It is", "it"] : ["changes", "They are", "them"];
  return (
    `This calendar was deleted on the server. ${count} ${changes} made here had not been sent yet: ` +
    `${they.toLowerCase()} kept here only: move ${them} to another calendar, or delete ${them} here.`
  );
}

export function toCalendarView(
  calendar: Calendar & { connection: Pick<Connection, "provider"> },
  /** unsentReason: the server's answer to the latest refused change, unless it was a plain 403. */
  options: {
    unsentChanges?: number;
    unsentReason?: string | null;
    eventCount?: number;
    progress?: { received: number; saved: number } | null;
  } = {},
): CalendarView {
  const unsent = options.unsentChanges ?? 0;
  const syncState = calendar.syncState.toLowerCase() as CalendarView["syncState"];
  // A held deletion or a running sync says more for now; the count stays in unsentChanges.
  const showUnsent = unsent > 0 && (syncState === "ok" || syncState === "error");
  return {
    id: calendar.id,
    connectionId: calendar.connectionId,
    provider: providerNameOf(calendar.connection.provider),
    name: calendar.name ?? calendar.remoteName,
    color: calendar.color ?? calendar.remoteColor,
    timeZone: calendar.timeZone,
    readOnly: calendar.readOnly,
    enabled: calendar.enabled,
    lastSyncedAt: calendar.lastSyncedAt?.toISOString() ?? null,
    syncState: showUnsent || calendar.remoteDeletedAt ? "error" : syncState,
    syncError: calendar.remoteDeletedAt
      ? goneMessage(unsent)
      : showUnsent
        ? unsentMessage(unsent, calendar.syncError, options.unsentReason ?? null)
        : calendar.syncError,
    heldDeletions: heldRefsOf(calendar.heldDeletions).length,
    unsentChanges: unsent,
    ...(options.eventCount !== undefined ? { eventCount: options.eventCount } : {}),
    ...(options.progress !== undefined ? { progress: options.progress } : {}),
  };
}
