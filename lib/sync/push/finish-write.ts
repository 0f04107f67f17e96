/**
 * Bookkeeping after the remote accepted a write: the new ref and etag, `base` = exactly what
 * was written (or the remote's rewrite of it), the pushed outbox entries DONE. The row becomes
 * SYNCED only if no newer local edit arrived meanwhile (the version is unchanged); otherwise
 * that edit stays PENDING and is pushed next against the new etag.
 */
import { db } from "../../db/client.ts";
import type { Event } from "../../db/generated/client.ts";
import { contentHash } from "../../ical/content-hash.ts";
import { mergeEventResources } from "../../ical/merge-event-resources.ts";
import type { WriteResult } from "../../providers/types.ts";
import { eventColumnsFromIcal } from "../../ical/event-columns.ts";

export async function finishWrite(params: {
  event: Event;
  changeIds: string[];
  written: string;
  result: WriteResult;
}): Promise<void> {
  const { event, result } = params;
  const stored = result.ical ?? params.written;
  const isRewritten = contentHash(stored) !== contentHash(event.ical);
  await db().$transaction(async (tx) => {
    const settled = await tx.event.updateMany({
      where: { id: event.id, version: event.version },
      data: {
        ...eventColumnsFromIcal(stored),
        parseError: null,
        remoteRef: result.ref,
        etag: result.etag,
        base: stored,
        ical: stored,
        syncState: "SYNCED",
        ...(isRewritten ? { version: { increment: 1 } } : {}),
      },
    });
    if (settled.count === 0) {
      // A newer local edit arrived while this write was on the wire. It was made against the
      // text just pushed, so it is merged onto what the remote now holds (which may carry the
      // remote's own rewrite, e.g. Google's new etags) and pushed next.
      const current = await tx.event.findUniqueOrThrow({ where: { id: event.id } });
      const merge = mergeEventResources({ base: event.ical, local: current.ical, remote: stored });
      const isRebased = merge.conflicts.length === 0 && !current.deletedLocally;
      const rebased = isRebased ? { ...eventColumnsFromIcal(merge.merged), parseError: null, ical: merge.merged } : {};
      await tx.event.update({
        where: { id: event.id },
        data: { ...rebased, remoteRef: result.ref, etag: result.etag, base: stored },
      });
    }
    await tx.pendingChange.updateMany({
      where: { id: { in: params.changeIds } },
      data: { status: "DONE", lastError: null },
    });
  });
}

/** A local delete the remote confirmed (or that never reached it): the tombstone goes. */
export async function finishDelete(params: { event: Event; changeIds: string[] }): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.pendingChange.updateMany({
      where: { id: { in: params.changeIds } },
      data: { status: "DONE", lastError: null },
    });
    const later = await tx.pendingChange.count({
      where: { eventId: params.event.id, status: { in: ["PENDING", "HELD"] } },
    });
    if (later === 0) await tx.event.deleteMany({ where: { id: params.event.id, deletedLocally: true } });
    // Restored while its deletion was on the wire (revive-deleted-event.ts): the remote object
    // is gone, so the row forgets its remote name and the newer entry creates it again.
    else
      await tx.event.updateMany({
        where: { id: params.event.id, deletedLocally: false },
        data: { remoteRef: null, etag: null, base: null },
      });
  });
}
