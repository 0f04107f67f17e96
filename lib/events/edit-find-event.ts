import { AppError, notFound } from "../errors/app-error.ts";
import type { Prisma } from "../db/generated/client.ts";

export type Tx = Prisma.TransactionClient;

/**
 * The event a local edit applies to, scoped by its owner (another user's id is a 404), with
 * its calendar. Refuses read-only calendars and events held in an open conflict: an edit on
 * top of a held change would be pushed against a version the person has not seen yet.
 */
export async function findEditableEvent(params: { tx: Tx; userId: string; eventId: string }) {
  const event = await params.tx.event.findFirst({
    where: { id: params.eventId, userId: params.userId, deletedLocally: false },
    include: { calendar: true },
  });
  if (!event) throw notFound("Event");
  if (event.calendar.readOnly) {
    throw new AppError("calendar_read_only", "This calendar is read-only; the event cannot be changed.");
  }
  if (event.syncState === "CONFLICT") {
    throw new AppError("state_conflict", "This event has an open conflict; resolve it before editing the event again.");
  }
  if (event.parseError) {
    throw new AppError("state_conflict", "This event could not be read from the server and cannot be edited here.");
  }
  return event;
}
