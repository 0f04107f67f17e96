/**
 * Writes a pull plan inside the caller's transaction, in batches: one statement per 2,000 new
 * or changed rows (write-event-rows.ts), one deleteMany per 1,000 deletions; updates and
 * deletions are conditional on the state read, so a local edit that slipped in between is
 * never overwritten (it is merged on its push).
 */
import type { Prisma } from "../../db/generated/client.ts";
import type { RemoteObject } from "../../providers/types.ts";
import type { ParsedRemote } from "./event-columns.ts";
import { reconcileWithRemote } from "../merge/reconcile-with-remote.ts";
import { insertEventRows, updateEventRows } from "./write-event-rows.ts";
import { writePipelined } from "./write-pipelined.ts";
import type { PullPlan } from "./plan-pull.ts";

/** Rows per INSERT/UPDATE statement: bounded so one statement stays a few MB. */
const WRITE_BATCH = 2000;
const DELETE_BATCH = 1000;

export interface AppliedCounts {
  created: number;
  updated: number;
  deleted: number;
  conflicts: number;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function applyPullPlan(params: {
  tx: Prisma.TransactionClient;
  userId: string;
  calendarId: string;
  plan: PullPlan;
  parse: (remote: RemoteObject) => ParsedRemote;
  /** Rows written so far (created + updated + deleted), after each batch: the pull's progress. */
  onProgress?: (written: number) => void;
}): Promise<AppliedCounts> {
  const { tx, plan } = params;
  const counts: AppliedCounts = { created: 0, updated: 0, deleted: 0, conflicts: 0 };

  // A local create whose push reached the server but whose answer was lost has no remoteRef
  // yet; the pulled copy (same UID) is that very event. Its push meets the existing name
  // (412 on If-None-Match) and adopts it, so the pull does not add a duplicate row. Only
  // creates need this, so a pull without any (no-op, edits, deletions) skips the round trip.
  const unpushed =
    plan.creates.length === 0
      ? []
      : await tx.event.findMany({ where: { calendarId: params.calendarId, remoteRef: null }, select: { uid: true } });
  const unpushedUids = new Set(unpushed.map((row) => row.uid));
  const isUnpushedCopy = (remote: RemoteObject) => {
    if (unpushedUids.size === 0) return false;
    const parsed = params.parse(remote);
    return unpushedUids.has(parsed.columns ? parsed.columns.uid : parsed.uid);
  };
  const prepare = (remote: RemoteObject) => void params.parse(remote);

  const report = (extra: number) => params.onProgress?.(counts.created + counts.updated + counts.deleted + extra);
  counts.created += await writePipelined({
    items: plan.creates,
    batchSize: WRITE_BATCH,
    onWritten: report,
    prepare,
    write: (batch) =>
      insertEventRows({
        tx,
        userId: params.userId,
        calendarId: params.calendarId,
        remotes: batch.filter((remote) => !isUnpushedCopy(remote)),
        parse: params.parse,
      }),
  });
  counts.updated += await writePipelined({
    items: plan.updates,
    batchSize: WRITE_BATCH,
    onWritten: report,
    prepare: (update) => prepare(update.remote),
    write: (batch) => updateEventRows({ tx, updates: batch, parse: params.parse }),
  });

  for (const batch of chunk(plan.deletions, DELETE_BATCH)) {
    const result = await tx.event.deleteMany({
      where: {
        id: { in: batch.map((row) => row.id) },
        syncState: "SYNCED",
        pendingChanges: { none: { status: { in: ["PENDING", "HELD"] } } },
      },
    });
    counts.deleted += result.count;
    report(0);
  }

  for (const { row, remote } of plan.merges) {
    const outcome = await reconcileWithRemote({ tx, eventId: row.id, remote });
    if (outcome === "conflict") counts.conflicts += 1;
    else if (outcome === "merged") counts.updated += 1;
  }
  return counts;
}
