/**
 * Three-way merge of a row that has a local change waiting against the remote's current
 * version (docs/design.md "Sync rules"), used by the pull and by the push after a 412:
 * - fields changed on one side only merge; the row then holds the merged text, with the
 *   remote version as its new base and etag, and stays PENDING so the merge is pushed;
 * - the same field changed differently, a local edit against a remote deletion, or a local
 *   deletion against a remote edit become a Conflict and hold the outbox (record-conflict.ts);
 * - both sides deleted, or both sides equal, settle the row with nothing to push.
 * Equality is by lib/ical contentHash, which ignores DTSTAMP/SEQUENCE/PRODID rewrites.
 */
import type { Event, Prisma } from "../../db/generated/client.ts";
import { contentHash } from "../../ical/content-hash.ts";
import { diffEventFields } from "../../ical/diff-event-fields.ts";
import { mergeEventResources } from "../../ical/merge-event-resources.ts";
import type { RemoteObject } from "../../providers/types.ts";
import { eventColumnsFromIcal } from "../../ical/event-columns.ts";
import { fieldsOrNull } from "./fields-or-null.ts";
import { recordConflict } from "./record-conflict.ts";

type Tx = Prisma.TransactionClient;

/** merged: the row now holds both sides (or is settled); conflict: held for the person; kept: nothing changed remotely. */
export type ReconcileOutcome = "merged" | "conflict" | "kept";

function changedSince(base: string | null, side: string | null): string[] {
  const a = fieldsOrNull(base);
  const b = fieldsOrNull(side);
  return a && b ? diffEventFields(a, b) : [];
}

function isSame(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  try {
    return contentHash(a) === contentHash(b);
  } catch {
    return false;
  }
}

async function settle(params: { tx: Tx; event: Event; remote: RemoteObject }): Promise<void> {
  const { tx, event, remote } = params;
  await tx.pendingChange.updateMany({
    where: { eventId: event.id, status: { in: ["PENDING", "HELD"] } },
    data: { status: "DONE" },
  });
  await tx.event.update({
    where: { id: event.id },
    data: {
      ...eventColumnsFromIcal(remote.ical),
      parseError: null,
      ical: remote.ical,
      base: remote.ical,
      etag: remote.etag,
      syncState: "SYNCED",
      version: { increment: 1 },
    },
  });
}

export async function reconcileWithRemote(params: {
  tx: Tx;
  eventId: string;
  remote: RemoteObject | null;
}): Promise<ReconcileOutcome> {
  const { tx, remote } = params;
  const event = await tx.event.findUnique({ where: { id: params.eventId } });
  if (!event) return "kept";
  const openConflict = event.syncState === "CONFLICT";

  if (remote === null) {
    if (event.deletedLocally && !openConflict) {
      // Deleted on both sides: what both wanted.
      await tx.event.delete({ where: { id: event.id } });
      return "merged";
    }
    await recordConflict({
      tx,
      event,
      kind: event.deletedLocally ? "DELETE_EDIT" : "EDIT_DELETE",
      fields: changedSince(event.base, event.ical),
      remote: null,
    });
    return "conflict";
  }

  if (!openConflict && (remote.etag === event.etag || isSame(remote.ical, event.base))) {
    // An echo, or a server rewrite of the version we already merged against: only the etag moves.
    if (remote.etag !== event.etag) {
      await tx.event.update({ where: { id: event.id }, data: { etag: remote.etag, base: remote.ical } });
      await tx.pendingChange.updateMany({
        where: { eventId: event.id, status: "PENDING" },
        data: { baseEtag: remote.etag },
      });
    }
    return "kept";
  }

  if (event.deletedLocally) {
    await recordConflict({ tx, event, kind: "DELETE_EDIT", fields: changedSince(event.base, remote.ical), remote });
    return "conflict";
  }
  if (openConflict) {
    const merge = mergeEventResources({ base: event.base, local: event.ical, remote: remote.ical });
    await recordConflict({ tx, event, kind: "EDIT_EDIT", fields: merge.conflicts, remote });
    return "conflict";
  }
  if (isSame(remote.ical, event.ical)) {
    await settle({ tx, event, remote });
    return "merged";
  }

  const merge = mergeEventResources({ base: event.base, local: event.ical, remote: remote.ical });
  if (merge.conflicts.length > 0) {
    await recordConflict({ tx, event, kind: "EDIT_EDIT", fields: merge.conflicts, remote });
    return "conflict";
  }
  if (isSame(merge.merged, remote.ical)) {
    await settle({ tx, event, remote });
    return "merged";
  }
  await tx.event.update({
    where: { id: event.id },
    data: {
      ...eventColumnsFromIcal(merge.merged),
      parseError: null,
      ical: merge.merged,
      base: remote.ical,
      etag: remote.etag,
      syncState: "PENDING",
      version: { increment: 1 },
    },
  });
  await tx.pendingChange.updateMany({
    where: { eventId: event.id, status: "PENDING" },
    data: { baseEtag: remote.etag },
  });
  return "merged";
}
