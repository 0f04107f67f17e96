import { db } from "../../db/client.ts";
import type { ConcordEvent } from "../../queue/events.ts";
import { pollIntervalMinutes } from "../poll-interval.ts";

// Google calendars are reconciled every 30 minutes (functions/reconcile-google.ts).
const googleReconcileMs = 30 * 60_000;

/**
 * The work outstanding according to the database, as events: a push per calendar with
 * PENDING outbox entries, a pull per calendar never synced or overdue, an initial sync per
 * connection without calendars. Connections waiting for a reconnect are left alone. Running
 * an event twice is harmless (pushes drain what is pending, pulls are incremental), so the
 * rebuilt queue may overlap with work already done; it must never miss any.
 */
export async function rebuildQueueFromDatabase(params: { now: Date }): Promise<ConcordEvent[]> {
  const usable = { status: { not: "NEEDS_REAUTH" as const } };
  const [outbox, calendars, bareConnections] = await Promise.all([
    db().pendingChange.findMany({
      where: { status: "PENDING", calendar: { connection: usable } },
      distinct: ["calendarId"],
      select: { calendarId: true },
      orderBy: { calendarId: "asc" },
    }),
    db().calendar.findMany({
      where: { enabled: true, connection: usable },
      select: { id: true, lastSyncedAt: true, connection: { select: { provider: true } } },
      orderBy: { id: "asc" },
    }),
    db().connection.findMany({
      where: { ...usable, calendars: { none: {} } },
      select: { id: true },
      orderBy: { id: "asc" },
    }),
  ]);
  const now = params.now.getTime();
  const pollMs = pollIntervalMinutes() * 60_000;
  const events: ConcordEvent[] = [];
  for (const row of bareConnections) {
    events.push({ name: "concord/connection.initial-sync", data: { connectionId: row.id } });
  }
  for (const row of outbox) {
    events.push({ name: "concord/outbox.push", data: { calendarId: row.calendarId } });
  }
  for (const calendar of calendars) {
    const maxAgeMs = calendar.connection.provider === "GOOGLE" ? googleReconcileMs : pollMs;
    if (!calendar.lastSyncedAt || now - calendar.lastSyncedAt.getTime() >= maxAgeMs) {
      events.push({ name: "concord/calendar.pull", data: { calendarId: calendar.id, reason: "startup" } });
    }
  }
  return events;
}
