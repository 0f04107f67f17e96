import type { Event } from "../db/generated/client.ts";
import { AppError } from "../errors/app-error.ts";
import type { Tx } from "./edit-find-event.ts";
import { recordLocalEdit } from "./edit-record.ts";

/**
 * Brings back a row whose local delete (or move away) is still in the outbox. The row becomes
 * live again with a new UPDATE entry, and its DELETE/MOVE entries are settled: not sent yet,
 * the push then finds the text equal to the agreed `base` and leaves the server untouched
 * (push-event.ts); already on the wire, finishDelete sees the newer entry, keeps the row and
 * forgets its remote name, so the push re-creates it with the same UID (finish-write.ts).
 * The entries are never deleted under a running push: only marked, like every settled entry.
 */
export async function reviveDeletedEvent(params: { tx: Tx; event: Event }): Promise<Event> {
  const { tx, event } = params;
  if (event.syncState === "CONFLICT") {
    throw new AppError("state_conflict", "This event has an open conflict; resolve it before restoring the event.");
  }
  const revived = await recordLocalEdit({
    tx,
    event,
    ical: event.ical,
    kind: "UPDATE",
    fields: [],
    deletedLocally: false,
  });
  await tx.pendingChange.updateMany({
    where: { eventId: event.id, kind: { in: ["DELETE", "MOVE"] }, status: { in: ["PENDING", "FAILED"] } },
    data: { status: "DONE", lastError: null },
  });
  return revived;
}
