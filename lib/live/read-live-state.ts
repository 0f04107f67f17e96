/**
 * What an open tab needs to know to stay current, as three opaque tokens that move whenever
 * the matching part of the person's data changes:
 * - `events`: the client sync API's change numbers (set by a database trigger on every event
 *   insert, update and delete: pulls, local edits, pushes), so no writer can forget to move it;
 * - `calendars`: calendar and connection rows (sync state, last sync time, errors) and the
 *   progress of running pulls;
 * - `conflicts`: the open conflicts.
 * One query of index lookups, cheap enough to repeat every second or two per listening tab; the
 * database is the source, so it sees changes made by any process (web, jobs, another server).
 */
import { db } from "../db/client.ts";

export interface LiveState {
  events: string;
  calendars: string;
  conflicts: string;
}

export async function readLiveState(params: { userId: string }): Promise<LiveState> {
  // max() with an equality on the index's first column reads one index entry (Event and
  // EventTombstone are indexed on (userId, changeSeq)); the other tables hold few rows per
  // person (SyncRun only its RUNNING rows, through the (userId, status) index).
  const [row] = await db().$queryRaw<{ events: string; calendars: string; conflicts: string }[]>`
    SELECT
      greatest(
        (SELECT coalesce(max("changeSeq"), 0) FROM "Event" WHERE "userId" = ${params.userId}),
        (SELECT coalesce(max("changeSeq"), 0) FROM "EventTombstone" WHERE "userId" = ${params.userId})
      )::text AS events,
      concat_ws('.',
        (SELECT concat(count(*), '-', floor(extract(epoch FROM max("updatedAt")) * 1000))
           FROM "Calendar" WHERE "userId" = ${params.userId}),
        (SELECT concat(count(*), '-', floor(extract(epoch FROM max("updatedAt")) * 1000))
           FROM "Connection" WHERE "userId" = ${params.userId}),
        (SELECT concat(count(*), '-', coalesce(sum("received" + "saved"), 0))
           FROM "SyncRun" WHERE "userId" = ${params.userId} AND "status" = 'RUNNING')
      ) AS calendars,
      (SELECT concat(count(*), '-', floor(extract(epoch FROM max("createdAt")) * 1000))
         FROM "Conflict" WHERE "userId" = ${params.userId} AND "status" = 'OPEN') AS conflicts`;
  return { events: row?.events ?? "0", calendars: row?.calendars ?? "", conflicts: row?.conflicts ?? "" };
}
