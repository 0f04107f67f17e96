/**
 * A Calendar row as API.md "Calendars" shows it: the local name/colour override wins over the
 * remote's, states are lower-case.
 */
import type { Calendar, Connection } from "../db/generated/client.ts";
import { heldRefsOf } from "../sync/pull-calendar.ts";

export interface CalendarView {
  id: string;
  connectionId: string;
  provider: "google" | "icloud" | "caldav";
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
}

export function toCalendarView(calendar: Calendar & { connection: Pick<Connection, "provider"> }): CalendarView {
  return {
    id: calendar.id,
    connectionId: calendar.connectionId,
    provider: calendar.connection.provider.toLowerCase() as CalendarView["provider"],
    name: calendar.name ?? calendar.remoteName,
    color: calendar.color ?? calendar.remoteColor,
    timeZone: calendar.timeZone,
    readOnly: calendar.readOnly,
    enabled: calendar.enabled,
    lastSyncedAt: calendar.lastSyncedAt?.toISOString() ?? null,
    syncState: calendar.syncState.toLowerCase() as CalendarView["syncState"],
    syncError: calendar.syncError,
    heldDeletions: heldRefsOf(calendar.heldDeletions).length,
  };
}
