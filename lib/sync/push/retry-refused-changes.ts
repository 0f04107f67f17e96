/**
 * "Sync now" is how a person says "try again": outbox entries a server refused for good
 * (FAILED after a 403, defer-event.ts) go back in the queue, say after the calendar's sharing
 * was fixed. If the server still refuses, they fail again and the calendar says so again
 * (lib/calendars/calendar-view.ts).
 */
import { db } from "../../db/client.ts";

/** Returns the ids of the calendars that had refused entries. */
export async function retryRefusedChanges(params: { userId: string; calendarIds: string[] }): Promise<string[]> {
  // A calendar deleted on the server has nowhere to send them (refresh-calendar-list.ts).
  const where = {
    userId: params.userId,
    calendarId: { in: params.calendarIds },
    status: "FAILED" as const,
    calendar: { remoteDeletedAt: null },
  };
  const refused = await db().pendingChange.findMany({ where, select: { calendarId: true }, distinct: ["calendarId"] });
  if (refused.length === 0) return [];
  await db().pendingChange.updateMany({ where, data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date() } });
  return refused.map((row) => row.calendarId);
}
