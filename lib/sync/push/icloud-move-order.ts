/**
 * iCloud keeps one UID in one calendar of an account (research/caldav.md §2, python-caldav's
 * icloud compatibility hints), so a move between two calendars of the same iCloud account must
 * delete from the source before it creates in the target. Concord still holds the event (the
 * target row) in between, so nothing can be lost; everywhere else a move stays
 * create-then-delete (DESIGN.md "Moving").
 */
import { db } from "../../db/client.ts";
import type { Event } from "../../db/generated/client.ts";
import type { ProviderName } from "../../providers/types.ts";

/** The source-side entry a same-account iCloud move target must wait for, if any. */
export async function isWaitingForMoveSource(params: {
  providerName: ProviderName;
  event: Event;
  connectionId: string;
}): Promise<boolean> {
  if (params.providerName !== "icloud") return false;
  const source = await db().pendingChange.findFirst({
    where: {
      kind: "MOVE",
      status: { in: ["PENDING", "HELD"] },
      targetCalendarId: params.event.calendarId,
      event: { uid: params.event.uid, calendar: { connectionId: params.connectionId } },
    },
    select: { id: true },
  });
  return source !== null;
}

/** After the source side of a same-account iCloud move was deleted: the target event to create now. */
export async function findMoveTarget(params: {
  providerName: ProviderName;
  connectionId: string;
  move: { targetCalendarId: string | null; uid: string };
}) {
  if (params.providerName !== "icloud" || !params.move.targetCalendarId) return null;
  const target = await db().calendar.findFirst({
    where: { id: params.move.targetCalendarId, connectionId: params.connectionId },
  });
  if (!target) return null;
  const event = await db().event.findFirst({
    where: {
      calendarId: target.id,
      uid: params.move.uid,
      remoteRef: null,
      pendingChanges: { some: { kind: "CREATE", status: "PENDING" } },
    },
    select: { id: true },
  });
  return event ? { calendar: target, eventId: event.id } : null;
}
