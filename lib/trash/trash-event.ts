import type { Event } from "../db/generated/client.ts";
import type { Tx } from "../events/edit-find-event.ts";

/**
 * Keeps the last text of a whole event the person deletes in Concord, in the delete's own
 * transaction, so the Trash and an undo can bring it back. Keyed by the event's id: deleting a
 * restored event again replaces the earlier record. Deletions made elsewhere (pulled from the
 * server, confirmed held deletions) are not kept: the other client or the server's own trash
 * owns them, and restoring would re-create what someone else removed.
 */
export async function trashEvent(params: { tx: Tx; event: Event; now?: Date }): Promise<void> {
  const { tx, event } = params;
  const record = {
    userId: event.userId,
    calendarId: event.calendarId,
    uid: event.uid,
    title: event.title,
    startAt: event.startAt,
    endAt: event.endAt,
    allDay: event.allDay,
    ical: event.ical,
    deletedAt: params.now ?? new Date(),
  };
  await tx.trashedEvent.upsert({ where: { id: event.id }, create: { id: event.id, ...record }, update: record });
}
