/**
 * Where one UID may live in only one calendar of an account (iCloud: providerTraits
 * `uidUniquePerAccount`), a move between two calendars of the same account must delete from the
 * source before it creates in the target. Concord still holds the event (the target row) in
 * between, so nothing can be lost; everywhere else a move stays create-then-delete
 * (docs/design.md, "Moving").
 */
import { db } from "../../db/client.ts";
import type { Event } from "../../db/generated/client.ts";
import { providerTraits } from "../../providers/provider-traits.ts";
import type { ProviderName } from "../../providers/types.ts";

/** Whether the target of a same-account move still waits for its source to be deleted. */
export async function isWaitingForMoveSource(params: {
  providerName: ProviderName;
  event: Event;
  connectionId: string;
}): Promise<boolean> {
  if (!providerTraits(params.providerName).uidUniquePerAccount) return false;
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

/** After the source side of a same-account move was deleted: the target event to create now. */
export async function findMoveTarget(params: {
  providerName: ProviderName;
  connectionId: string;
  move: { targetCalendarId: string | null; uid: string };
}) {
  if (!providerTraits(params.providerName).uidUniquePerAccount || !params.move.targetCalendarId) return null;
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
