/**
 * Writes a pull plan inside the caller's transaction, in batches: one statement per 2,000 new
 * or changed rows (write-event-rows.ts), one deleteMany per 1,000 deletions; updates and
 * deletions are conditional on the state read, so a local edit that slipped in between is
 * never overwritten (it is merged on its push).
 */
import type { Prisma } from "../../db/generated/client.ts";
import type { RemoteObject } from "../../providers/types.ts";
import type { ParsedRemote } from "./event-columns.ts";
import { mergePendingRow } from "./merge-pending-row.ts";
import { insertEventRows, updateEventRows } from "./write-event-rows.ts";
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
}): Promise<AppliedCounts> {
  const { tx, plan } = params;
  const counts: AppliedCounts = { created: 0, updated: 0, deleted: 0, conflicts: 0 };

  for (const batch of chunk(plan.creates, WRITE_BATCH)) {
    counts.created += await insertEventRows({
      tx,
      userId: params.userId,
      calendarId: params.calendarId,
      remotes: batch,
      parse: params.parse,
    });
  }
  for (const batch of chunk(plan.updates, WRITE_BATCH)) {
    counts.updated += await updateEventRows({ tx, updates: batch, parse: params.parse });
  }

  for (const batch of chunk(plan.deletions, DELETE_BATCH)) {
    const result = await tx.event.deleteMany({
      where: {
        id: { in: batch.map((row) => row.id) },
        syncState: "SYNCED",
        pendingChanges: { none: { status: { in: ["PENDING", "HELD"] } } },
      },
    });
    counts.deleted += result.count;
  }

  for (const { row, remote } of plan.merges) {
    const outcome = await mergePendingRow({ tx, eventId: row.id, remote });
    if (outcome === "conflict") counts.conflicts += 1;
    else if (outcome === "merged") counts.updated += 1;
  }
  return counts;
}
