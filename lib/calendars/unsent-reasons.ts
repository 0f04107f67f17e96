/**
 * Why the latest refused local change of each calendar was refused, in the server's words
 * (the outbox entry's lastError: lib/sync/push/defer-event.ts), so the calendar can say it.
 * A plain 403 needs no quote: the calendar view already says the calendar is read-only here.
 */
import { db } from "../db/client.ts";

export async function unsentReasonsByCalendar(params: {
  userId: string;
  calendarId?: string;
}): Promise<Map<string, string>> {
  const latest = await db().pendingChange.findMany({
    where: { userId: params.userId, status: "FAILED", ...(params.calendarId ? { calendarId: params.calendarId } : {}) },
    orderBy: { updatedAt: "desc" },
    distinct: ["calendarId"],
    select: { calendarId: true, lastError: true },
  });
  const reasons = new Map<string, string>();
  for (const change of latest) {
    if (!change.lastError || change.lastError.startsWith("WriteForbidden")) continue;
    reasons.set(change.calendarId, change.lastError.replace(/^\w+: /, ""));
  }
  return reasons;
}
