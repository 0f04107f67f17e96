import { db } from "../db/client.ts";

/**
 * Calendars holding PENDING outbox entries whose next attempt time has passed, on
 * connections that are not waiting for a reconnect. Their push run either failed for good or
 * was lost (a restart, a dropped event); a new push drains them.
 */
export async function listDueOutboxCalendars(params: { now: Date }): Promise<string[]> {
  const rows = await db().pendingChange.findMany({
    where: {
      status: "PENDING",
      nextAttemptAt: { lte: params.now },
      calendar: { connection: { status: { not: "NEEDS_REAUTH" } } },
    },
    distinct: ["calendarId"],
    select: { calendarId: true },
    orderBy: { calendarId: "asc" },
  });
  return rows.map((row) => row.calendarId);
}
