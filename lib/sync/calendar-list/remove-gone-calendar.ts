/**
 * A calendar the server reported gone leaves Concord with its events, in one transaction. Only
 * local changes that were never sent hold it back: creates and edits in it stay, marked FAILED,
 * and the calendar stays (flagged `remoteDeletedAt`, shown as failed) until the person moves or
 * deletes them; the next refresh of the list then removes it. Deletions and moves out of it
 * have nothing left to do remotely and are finished here.
 */
import { db } from "../../db/client.ts";

export type GoneCalendarOutcome = "removed" | "kept-with-unsent-changes";

const unsentReason = "The calendar was deleted on the server before this change could be sent.";

export async function removeGoneCalendar(params: { calendarId: string; now: Date }): Promise<GoneCalendarOutcome> {
  return db().$transaction(async (tx) => {
    const { calendarId } = params;
    await tx.pendingChange.updateMany({
      where: { calendarId, kind: { in: ["DELETE", "MOVE"] }, status: { not: "DONE" } },
      data: { status: "DONE" },
    });
    const unsent = await tx.pendingChange.count({
      where: {
        calendarId,
        kind: { in: ["CREATE", "UPDATE"] },
        status: { not: "DONE" },
        event: { deletedLocally: false },
      },
    });
    if (unsent === 0) {
      await tx.calendar.delete({ where: { id: calendarId } });
      return "removed";
    }
    await tx.pendingChange.updateMany({
      where: { calendarId, kind: { in: ["CREATE", "UPDATE"] }, status: { not: "DONE" } },
      data: { status: "FAILED", lastError: unsentReason },
    });
    // Everything else was the server's copy, and the server no longer has it.
    await tx.event.deleteMany({
      where: {
        calendarId,
        OR: [{ deletedLocally: true }, { pendingChanges: { none: { status: { in: ["PENDING", "HELD", "FAILED"] } } } }],
      },
    });
    await tx.calendar.update({
      where: { id: calendarId },
      data: { remoteDeletedAt: params.now, syncState: "ERROR", syncError: unsentReason },
    });
    return "kept-with-unsent-changes";
  });
}
