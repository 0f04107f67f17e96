/**
 * `POST /api/v1/trash/{id}/restore`: brings a deleted event back to its calendar. While the
 * deletion still waits in the outbox the same row comes back (nothing was removed remotely,
 * nothing is written there); once the deletion reached the server, the last text is created
 * again as a new event with the same UID. A CalDAV server then holds it under a new resource
 * name; Google refuses to re-insert a deleted event's id (409 duplicate), so it gets a new id
 * with the same iCalUID.
 */
import { db } from "../db/client.ts";
import type { Event } from "../db/generated/client.ts";
import { AppError, notFound } from "../errors/app-error.ts";
import { queuePush } from "../events/edit-queue-push.ts";
import { reviveDeletedEvent } from "../events/revive-deleted-event.ts";
import { insertLocalEvent } from "../events/update-event.ts";
import { trashCutoff } from "./trash-retention.ts";

export async function restoreTrashedEvent(params: { userId: string; id: string; now?: Date }): Promise<Event> {
  const restored = await db().$transaction(async (tx) => {
    const trashed = await tx.trashedEvent.findFirst({
      where: { id: params.id, userId: params.userId, deletedAt: { gte: trashCutoff(params.now) } },
      include: { calendar: { select: { readOnly: true } } },
    });
    if (!trashed) throw notFound("Deleted event");
    if (trashed.calendar.readOnly) {
      throw new AppError("calendar_read_only", "The event's calendar is read-only now; it cannot be restored there.");
    }
    const row = await tx.event.findFirst({ where: { id: trashed.id, userId: params.userId } });
    let event: Event;
    if (row?.deletedLocally) event = await reviveDeletedEvent({ tx, event: row });
    else if (row) event = row;
    else {
      // The same UID may be back already (re-created elsewhere and pulled): never a second copy.
      const existing = await tx.event.findFirst({
        where: { userId: params.userId, calendarId: trashed.calendarId, uid: trashed.uid, deletedLocally: false },
      });
      event = existing ?? (await insertLocalEvent({ tx, from: trashed, ical: trashed.ical }));
    }
    await tx.trashedEvent.delete({ where: { id: trashed.id } });
    return event;
  });
  await queuePush({ calendarIds: [restored.calendarId] });
  return restored;
}
