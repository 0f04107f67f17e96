import { db } from "../db/client.ts";
import { toCalendarView, type CalendarView } from "./calendar-view.ts";

/** The user's calendars, grouped by connection in the order they were added. */
export async function listCalendars(params: { userId: string }): Promise<CalendarView[]> {
  const calendars = await db().calendar.findMany({
    where: { userId: params.userId },
    include: { connection: { select: { provider: true } } },
    orderBy: [{ connection: { createdAt: "asc" } }, { createdAt: "asc" }, { remoteName: "asc" }],
  });
  return calendars.map(toCalendarView);
}
