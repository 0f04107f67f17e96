import { db } from "../db/client.ts";

/**
 * The user's compaction horizon: deletion records with a sequence number <= this were removed,
 * so a sync token below it cannot be answered completely (410).
 */
export async function readSyncHorizon(params: { userId: string }): Promise<bigint> {
  const row = await db().clientSyncHorizon.findUnique({
    where: { userId: params.userId },
    select: { horizonSeq: true },
  });
  return row?.horizonSeq ?? 0n;
}

/**
 * The snapshot a listing may promise: the user's highest change number (events and deletion
 * records), lowered below any number a still-open write transaction of the user holds — those
 * rows are invisible now but will commit with their (lower) number. Read in this order (latest,
 * then in-flight writers) so no writer slips between the two (see the migration
 * 20261122033600_client_sync_inflight). 0 when the user has no events.
 */
export async function readLatestChangeSeq(params: { userId: string }): Promise<bigint> {
  // ORDER BY changeSeq DESC LIMIT 1 is a backward scan of the (userId, changeSeq) index reading
  // one entry. (Prisma's aggregate() wraps max() in a subquery with OFFSET, which defeats
  // PostgreSQL's min/max index optimisation and reads every row of the user.)
  const [event, tombstone] = await Promise.all([
    db().event.findFirst({
      where: { userId: params.userId },
      orderBy: { changeSeq: "desc" },
      select: { changeSeq: true },
    }),
    db().eventTombstone.findFirst({
      where: { userId: params.userId },
      orderBy: { changeSeq: "desc" },
      select: { changeSeq: true },
    }),
  ]);
  const a = event?.changeSeq ?? 0n;
  const b = tombstone?.changeSeq ?? 0n;
  const latest = a > b ? a : b;
  const [inflight] = await db().$queryRaw<{ seq: bigint | null }[]>`
    SELECT "concord_inflight_change_seq"(${params.userId}) AS seq`;
  const lowest = inflight?.seq ?? null;
  return lowest !== null && lowest - 1n < latest ? lowest - 1n : latest;
}
