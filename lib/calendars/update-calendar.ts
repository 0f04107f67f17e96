/**
 * PATCH /api/v1/calendars/{id}: enabled, and the local name/colour overrides. Never written to
 * the remote (docs/api.md); `null` clears an override so the remote's name/colour shows again.
 */
import { db } from "../db/client.ts";
import { notFound } from "../errors/app-error.ts";
import { toCalendarView, type CalendarView } from "./calendar-view.ts";
import { unsentChangesByCalendar } from "./list-calendars.ts";
import { unsentReasonsByCalendar } from "./unsent-reasons.ts";

export async function updateCalendar(params: {
  userId: string;
  calendarId: string;
  changes: { enabled?: boolean; name?: string | null; color?: string | null };
}): Promise<CalendarView> {
  const existing = await db().calendar.findFirst({
    where: { id: params.calendarId, userId: params.userId },
    select: { id: true },
  });
  if (!existing) throw notFound("Calendar");
  const { enabled, name, color } = params.changes;
  const calendar = await db().calendar.update({
    where: { id: existing.id },
    data: {
      ...(enabled !== undefined && { enabled }),
      ...(name !== undefined && { name: name?.trim() || null }),
      ...(color !== undefined && { color: color?.toUpperCase() ?? null }),
    },
    include: { connection: { select: { provider: true } } },
  });
  const unsent = await unsentChangesByCalendar({ userId: params.userId, calendarId: calendar.id });
  const reasons =
    unsent.size > 0 ? await unsentReasonsByCalendar({ userId: params.userId, calendarId: calendar.id }) : null;
  return toCalendarView(calendar, {
    unsentChanges: unsent.get(calendar.id) ?? 0,
    unsentReason: reasons?.get(calendar.id) ?? null,
  });
}
