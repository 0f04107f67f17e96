import { db } from "../db/client.ts";
import { TOKEN_LIFETIME_MS } from "./sync-tokens.ts";

/** Removal age used by the scheduled compaction: a day past the token lifetime. */
export const TOMBSTONE_RETENTION_MS = TOKEN_LIFETIME_MS + 86_400_000;

/**
 * Removes deletion records older than `olderThan` and raises each affected user's horizon to the
 * highest sequence number removed, in one statement, so a sync token that would have needed a
 * removed record answers 410 instead of silently missing a deletion. With the default retention
 * no valid token (30 days) is affected: its sequence number is above every removed record's.
 */
export async function compactTombstones(params: { olderThan?: Date; now?: Date } = {}): Promise<{ removed: number }> {
  const olderThan = params.olderThan ?? new Date((params.now?.getTime() ?? Date.now()) - TOMBSTONE_RETENTION_MS);
  // "deletedAt" is timestamp(3) holding UTC (as Prisma writes DateTime); the text cast drops the Z.
  const rows = await db().$queryRaw<{ removed: number }[]>`
    WITH removed AS (
      DELETE FROM "EventTombstone" WHERE "deletedAt" < ${olderThan.toISOString()}::timestamp
      RETURNING "userId", "changeSeq"
    ), horizon AS (
      INSERT INTO "ClientSyncHorizon" ("userId", "horizonSeq", "compactedAt")
      SELECT "userId", max("changeSeq"), now() AT TIME ZONE 'UTC' FROM removed GROUP BY "userId"
      ON CONFLICT ("userId") DO UPDATE
        SET "horizonSeq" = GREATEST("ClientSyncHorizon"."horizonSeq", EXCLUDED."horizonSeq"),
            "compactedAt" = EXCLUDED."compactedAt"
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM removed)::int AS removed, (SELECT count(*) FROM horizon)::int AS users`;
  return { removed: rows[0]?.removed ?? 0 };
}
