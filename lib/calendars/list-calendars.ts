import { db } from "../db/client.ts";
import { toCalendarView, type CalendarView } from "./calendar-view.ts";
import { unsentReasonsByCalendar } from "./unsent-reasons.ts";

/** The user's calendars, grouped by connection in the order they were added. */
export async function listCalendars(params: { userId: string }): Promise<CalendarView[]> {
  const calendars = await db().calendar.findMany({
    where: { userId: params.userId },
    include: { connection: { select: { provider: true } } },
    orderBy: [{ connection: { createdAt: "asc" } }, { createdAt: "asc" }, { remoteName: "asc" }],
  });
  const unsent = await unsentChangesByCalendar({ userId: params.userId });
  const reasons = unsent.size > 0 ? await unsentReasonsByCalendar({ userId: params.userId }) : new Map();
  return calendars.map((calendar) =>
    toCalendarView(calendar, {
      unsentChanges: unsent.get(calendar.id) ?? 0,
      unsentReason: reasons.get(calendar.id) ?? null,
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
