import { AppError } from "../errors/app-error.ts";
import type { ChangeKind, Event } from "../db/generated/client.ts";
import { eventColumnsFromIcal } from "../ical/event-columns.ts";
import type { Tx } from "./edit-find-event.ts";

/**
 * Writes a local edit: the Event row (payload, normalised columns, PENDING, version + 1) and
 * its outbox entry, in the caller's transaction (docs/design.md "Data model": the PendingChange is
 * written in the same transaction as the edit, so a crash cannot lose one without the other).
 * The update is conditional on the version read, so two concurrent edits cannot both win.
 */
export async function recordLocalEdit(params: {
  tx: Tx;
  event: Event;
  ical: string;
  kind: ChangeKind;
  fields: string[];
  deletedLocally?: boolean;
  targetCalendarId?: string;
}): Promise<Event> {
  const { tx, event } = params;
  const columns = eventColumnsFromIcal(params.ical);
  const updated = await tx.event.updateMany({
    where: { id: event.id, version: event.version },
    data: {
      ...columns,
      ical: params.ical,
      syncState: "PENDING",
      deletedLocally: params.deletedLocally ?? event.deletedLocally,
      version: { increment: 1 },
    },
  });
  if (updated.count !== 1) {
    throw new AppError("precondition_failed", "The event changed while it was being edited; reload it and try again.");
  }
  await tx.pendingChange.create({
    data: {
      userId: event.userId,
      eventId: event.id,
      calendarId: event.calendarId,
      kind: params.kind,
      fields: params.fields,
      baseEtag: event.etag,
      targetCalendarId: params.targetCalendarId ?? null,
    },
  });
  return tx.event.findUniqueOrThrow({ where: { id: event.id } });
}
