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

/** Highest change sequence number of the user's events and deletion records (0 when none). */
export async function readLatestChangeSeq(params: { userId: string }): Promise<bigint> {
  // Each max() is answered by a backward scan of an index on (userId, changeSeq).
  const [events, tombstones] = await Promise.all([
    db().event.aggregate({ where: { userId: params.userId }, _max: { changeSeq: true } }),
    db().eventTombstone.aggregate({ where: { userId: params.userId }, _max: { changeSeq: true } }),
  ]);
  const a = events._max.changeSeq ?? 0n;
  const b = tombstones._max.changeSeq ?? 0n;
  return a > b ? a : b;
}
