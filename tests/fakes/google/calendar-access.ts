import { GoogleHttpError, notFound } from "./http-utils.ts";
import type { AccessRole, CalendarRecord, FakeStore } from "./store.ts";

/**
 * The calendar behind a path id ("primary" = the account's own calendar, whose id is its email)
 * and the caller's role. Calendars the account cannot see answer 404; writes need writer/owner.
 */
export function resolveCalendar(params: { store: FakeStore; email: string; rawId: string; isWrite: boolean }): {
  calendar: CalendarRecord;
  role: AccessRole;
} {
  const id = params.rawId === "primary" ? params.email : params.rawId;
  const calendar = params.store.calendars.get(id);
  const role = calendar?.access.get(params.email);
  if (!calendar || !role || role === "freeBusyReader") throw notFound();
  if (params.isWrite && role === "reader") {
    throw new GoogleHttpError({
      status: 403,
      reason: "requiredAccessLevel",
      message: "You need to have writer access to this calendar.",
    });
  }
  return { calendar, role };
}

/** calendarList.list entries (CalendarListEntry). */
export function listCalendarEntries(params: { store: FakeStore; email: string }): unknown {
  const items: unknown[] = [];
  for (const calendar of params.store.calendars.values()) {
    const role = calendar.access.get(params.email);
    if (!role) continue;
    items.push({
      kind: "calendar#calendarListEntry",
      etag: `"c${calendar.tokenGeneration}"`,
      id: calendar.id,
      summary: calendar.summary,
      timeZone: calendar.timeZone,
      backgroundColor: calendar.backgroundColor,
      foregroundColor: "#000000",
      accessRole: role,
      selected: true,
      defaultReminders: [],
      ...(calendar.id === params.email ? { primary: true } : {}),
    });
  }
  return { kind: "calendar#calendarList", etag: '"l1"', nextSyncToken: "CLsyncfake", items };
}
