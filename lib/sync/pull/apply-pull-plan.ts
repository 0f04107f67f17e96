/**
 * Writes a pull plan inside the caller's transaction, in batches: one createMany per 500 new
 * rows, one deleteMany per 1,000 deletions; updates are conditional on the version and state
 * read, so a local edit that slipped in between is never overwritten (it is merged on its push).
 */
import type { Prisma } from "../../db/generated/client.ts";
import type { RemoteObject } from "../../providers/types.ts";
import type { ParsedRemote } from "./event-columns.ts";
import { mergePendingRow } from "./merge-pending-row.ts";
import type { PullPlan } from "./plan-pull.ts";

const CREATE_BATCH = 500;
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

/** Normalised columns, or the parse error with the columns cleared to their defaults. */
function columnsOf(parsed: ParsedRemote) {
  if (parsed.columns) return { ...parsed.columns, parseError: null };
  return {
    uid: parsed.uid,
    title: "",
    startAt: null,
    endAt: null,
    timeZone: null,
    allDay: false,
    location: null,
    description: null,
    status: "confirmed",
    isRecurring: false,
    seriesStart: null,
    seriesEnd: null,
    parseError: parsed.parseError,
  };
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

  for (const batch of chunk(plan.creates, CREATE_BATCH)) {
    const result = await tx.event.createMany({
      data: batch.map((remote) => ({
        userId: params.userId,
        calendarId: params.calendarId,
        remoteRef: remote.ref,
        etag: remote.etag,
        ical: remote.ical,
        base: remote.ical,
        syncState: "SYNCED" as const,
        ...columnsOf(params.parse(remote)),
      })),
      // A row created by a concurrent pull of the same calendar wins; this pull's copy is equal.
      skipDuplicates: true,
    });
    counts.created += result.count;
  }

  for (const { row, remote } of plan.updates) {
    const result = await tx.event.updateMany({
      where: { id: row.id, version: row.version, syncState: "SYNCED" },
      data: {
        etag: remote.etag,
        ical: remote.ical,
        base: remote.ical,
        version: { increment: 1 },
        ...columnsOf(params.parse(remote)),
      },
    });
    counts.updated += result.count;
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
