/**
 * Creates an event locally (docs/api.md `POST /api/v1/events`): a new iCalendar object with a new
 * UID, stored PENDING with a CREATE in the outbox in one transaction. The push later writes it
 * under a name derived from the UID, so a create retried after a lost response cannot
 * duplicate (RFC 4791 §5.3.2 If-None-Match).
 */
import { randomUUID } from "node:crypto";
import { db } from "../db/client.ts";
import type { Event } from "../db/generated/client.ts";
import { AppError, notFound } from "../errors/app-error.ts";
import { buildEventResource } from "../ical/build-event-resource.ts";
import { eventColumnsFromIcal } from "../ical/event-columns.ts";
import { checkRecurrenceLines, checkSeriesWithinBudget } from "./check-recurrence-limits.ts";
import type { CreateEventInput } from "./edit-input.ts";
import { queuePush } from "./edit-queue-push.ts";
import { validateEventFields } from "./edit-validate-fields.ts";

/** UIDs Concord mints: globally unique (RFC 5545 §3.8.4.7) and safe as a resource name. */
export function newEventUid(): string {
  return `${randomUUID()}@concord`;
}

export async function createEvent(params: { userId: string; input: CreateEventInput; uid?: string }): Promise<Event> {
  const { userId, input } = params;
  const calendar = await db().calendar.findFirst({ where: { id: input.calendarId, userId } });
  if (!calendar) throw notFound("Calendar");
  if (calendar.readOnly)
    throw new AppError("calendar_read_only", "This calendar is read-only; events cannot be added to it.");
  const fields = validateEventFields({
    title: input.title,
    start: input.start,
    end: input.end,
    allDay: input.allDay ?? false,
    timeZone: input.allDay ? null : (input.timeZone ?? calendar.timeZone ?? null),
    location: input.location ?? null,
    description: input.description ?? null,
    recurrence: input.recurrence ?? [],
    status: "confirmed",
  });
  checkRecurrenceLines(fields.recurrence);
  const uid = params.uid ?? newEventUid();
  const ical = buildEventResource({ uid, fields });
  if (fields.recurrence.length > 0) checkSeriesWithinBudget(ical);
  const event = await db().$transaction(async (tx) => {
    const created = await tx.event.create({
      data: { userId, calendarId: calendar.id, ...eventColumnsFromIcal(ical), ical, base: null, syncState: "PENDING" },
    });
    await tx.pendingChange.create({
      data: {
        userId,
        eventId: created.id,
        calendarId: calendar.id,
        kind: "CREATE",
        fields: Object.keys(fields),
        baseEtag: null,
      },
    });
    return created;
  });
  await queuePush({ calendarIds: [calendar.id] });
  return event;
}
