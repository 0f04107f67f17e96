/**
 * Records a conflict (docs/design.md "Sync rules"): both versions in full (texts and field
 * objects) so no resolution can lose either, the outbox entries of the event HELD so nothing
 * is pushed until the person decides, and the event marked CONFLICT. An event has at most one
 * open conflict: a newer remote version replaces the remote side of the open one.
 */
import { Prisma, type ConflictKind, type Event } from "../../db/generated/client.ts";
import type { RemoteObject } from "../../providers/types.ts";
import { fieldsOrNull } from "./fields-or-null.ts";

type Tx = Prisma.TransactionClient;

export async function recordConflict(params: {
  tx: Tx;
  event: Event;
  kind: ConflictKind;
  fields: string[];
  remote: RemoteObject | null;
}): Promise<void> {
  const { tx, event, kind, remote } = params;
  const localIcal = event.deletedLocally ? null : event.ical;
  const json = (value: object | null) => (value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue));
  const sides = {
    kind,
    fields: params.fields,
    base: json(fieldsOrNull(event.base)),
    local: json(fieldsOrNull(localIcal)),
    remote: json(fieldsOrNull(remote?.ical)),
    baseIcal: event.base,
    localIcal,
    remoteIcal: remote?.ical ?? null,
    remoteEtag: remote?.etag ?? null,
  };
  const open = await tx.conflict.findFirst({ where: { eventId: event.id, status: "OPEN" } });
  if (open) {
    await tx.conflict.update({ where: { id: open.id }, data: sides });
  } else {
    await tx.conflict.create({
      data: { userId: event.userId, eventId: event.id, calendarId: event.calendarId, ...sides },
    });
  }
  await tx.pendingChange.updateMany({ where: { eventId: event.id, status: "PENDING" }, data: { status: "HELD" } });
  await tx.event.update({ where: { id: event.id }, data: { syncState: "CONFLICT" } });
}
