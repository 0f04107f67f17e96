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
  return a > b ? a : b;
}
