import type { Event } from "../db/generated/client.ts";
import type { Tx } from "./edit-find-event.ts";

/**
 * Moving an event back where it came from before the first move was sent (an undo): the
 * original row, still waiting for its MOVE, when the copy being moved back is untouched (never
 * sent, never edited: version 1). Reviving it then leaves both servers as they were.
 */
export async function findUnsentMoveSource(params: {
  tx: Tx;
  copy: Event;
  targetCalendarId: string;
}): Promise<Event | null> {
  const { tx, copy } = params;
  if (copy.remoteRef !== null || copy.version !== 1) return null;
  return tx.event.findFirst({
    where: {
      userId: copy.userId,
      calendarId: params.targetCalendarId,
      uid: copy.uid,
      deletedLocally: true,
      pendingChanges: { some: { kind: "MOVE", status: "PENDING", targetCalendarId: copy.calendarId } },
    },
  });
}
