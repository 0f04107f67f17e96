import { db } from "../db/client.ts";
import { toCalendarView, type CalendarView } from "./calendar-view.ts";
import { unsentReasonsByCalendar } from "./unsent-reasons.ts";

/**
 * The user's calendars, grouped by connection in the order they were added, with how many
 * events each holds and the progress of a pull running now.
 */
export async function listCalendars(params: { userId: string }): Promise<CalendarView[]> {
  const [calendars, unsent, counts, running] = await Promise.all([
    db().calendar.findMany({
      where: { userId: params.userId },
      include: { connection: { select: { provider: true } } },
      orderBy: [{ connection: { createdAt: "asc" } }, { createdAt: "asc" }, { remoteName: "asc" }],
    }),
    unsentChangesByCalendar({ userId: params.userId }),
    eventCountsByCalendar({ userId: params.userId }),
    runningPullProgress({ userId: params.userId }),
  ]);
  const reasons = unsent.size > 0 ? await unsentReasonsByCalendar({ userId: params.userId }) : new Map();
  return calendars.map((calendar) =>
    toCalendarView(calendar, {
      unsentChanges: unsent.get(calendar.id) ?? 0,
      unsentReason: reasons.get(calendar.id) ?? null,
      eventCount: counts.get(calendar.id) ?? 0,
      progress: calendar.syncState === "SYNCING" ? (running.get(calendar.id) ?? null) : null,
    }),
  );
}

/** Outbox entries the remote refused for good (status FAILED), counted per calendar. */
export async function unsentChangesByCalendar(params: {
  userId: string;
  calendarId?: string;
}): Promise<Map<string, number>> {
  const groups = await db().pendingChange.groupBy({
    by: ["calendarId"],
    where: { userId: params.userId, status: "FAILED", ...(params.calendarId ? { calendarId: params.calendarId } : {}) },
    _count: { _all: true },
  });
  return new Map(groups.map((group) => [group.calendarId, group._count._all]));
}

/** Events shown per calendar: local deletes waiting for their push are already gone for the person. */
async function eventCountsByCalendar(params: { userId: string }): Promise<Map<string, number>> {
  const groups = await db().event.groupBy({
    by: ["calendarId"],
    where: { userId: params.userId, deletedLocally: false, parseError: null },
    _count: { _all: true },
  });
  return new Map(groups.map((group) => [group.calendarId, group._count._all]));
}

/** The newest RUNNING pull per calendar that has received something (queued runs have not). */
async function runningPullProgress(params: {
  userId: string;
}): Promise<Map<string, { received: number; saved: number }>> {
  const runs = await db().syncRun.findMany({
    where: { userId: params.userId, status: "RUNNING", kind: { in: ["PULL", "FULL_PULL"] } },
    orderBy: { startedAt: "asc" },
    select: { calendarId: true, received: true, saved: true },
  });
  const progress = new Map<string, { received: number; saved: number }>();
  for (const run of runs) {
    const known = progress.get(run.calendarId ?? "");
    if (run.calendarId && (!known || run.received >= known.received)) {
      progress.set(run.calendarId, { received: run.received, saved: run.saved });
    }
  }
  return progress;
}
