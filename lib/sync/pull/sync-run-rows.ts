/**
 * SyncRun rows of pulls (docs/design.md "Data model"): one per pull, for the UI and for debugging.
 * A run queued by the API (`POST .../sync` answers 202 {runId} before the job starts) is
 * RUNNING until a pull of its calendar picks it up and finishes it.
 */
import { db } from "../../db/client.ts";
import type { SyncRunKind, SyncRunStatus } from "../../db/generated/client.ts";

export async function createPullRun(params: {
  userId: string;
  connectionId: string;
  calendarId: string;
  kind?: SyncRunKind;
}): Promise<string> {
  const run = await db().syncRun.create({
    data: {
      userId: params.userId,
      connectionId: params.connectionId,
      calendarId: params.calendarId,
      kind: params.kind ?? "PULL",
    },
    select: { id: true },
  });
  return run.id;
}

/**
 * The rows this pull reports into: the given run (if any) and every pull run of the calendar
 * still RUNNING — requests queued before this pull started are answered by it — or a new row.
 */
export async function claimPullRuns(params: {
  userId: string;
  connectionId: string;
  calendarId: string;
  runId?: string;
  kind: SyncRunKind;
}): Promise<string[]> {
  const queued = await db().syncRun.findMany({
    where: { calendarId: params.calendarId, status: "RUNNING", kind: { in: ["PULL", "FULL_PULL"] } },
    orderBy: { startedAt: "asc" },
    select: { id: true },
  });
  const ids = queued.map((run) => run.id).filter((id) => id !== params.runId);
  if (params.runId) return [params.runId, ...ids];
  if (ids.length > 0) return ids;
  return [await createPullRun({ ...params })];
}

export async function finishPullRuns(params: {
  runIds: string[];
  status: SyncRunStatus;
  kind: SyncRunKind;
  counts?: { created: number; updated: number; deleted: number; conflicts: number };
  requests: number;
  error?: string | null;
}): Promise<void> {
  await db().syncRun.updateMany({
    where: { id: { in: params.runIds } },
    data: {
      status: params.status,
      kind: params.kind,
      ...params.counts,
      requests: params.requests,
      error: params.error ?? null,
      finishedAt: new Date(),
    },
  });
}
