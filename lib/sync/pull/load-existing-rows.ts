/**
 * The calendar's remote-backed rows as the planner needs them, in two queries (rows, then the
 * outbox entries still waiting), never one query per row. With `refs` (an incremental pull)
 * only those rows are read; the planner then gets the calendar's row count separately.
 */
import type { Prisma } from "../../db/generated/client.ts";
import type { ExistingRow } from "./plan-pull.ts";

export async function loadExistingRows(params: {
  client: Prisma.TransactionClient;
  calendarId: string;
  refs?: string[];
}): Promise<ExistingRow[]> {
  if (params.refs?.length === 0) return [];
  const rows = await params.client.event.findMany({
    where: { calendarId: params.calendarId, remoteRef: params.refs ? { in: params.refs } : { not: null } },
    select: { id: true, remoteRef: true, etag: true, version: true, syncState: true },
  });
  const waiting = await params.client.pendingChange.findMany({
    where: {
      calendarId: params.calendarId,
      status: { in: ["PENDING", "HELD"] },
      ...(params.refs && { eventId: { in: rows.map((row) => row.id) } }),
    },
    select: { eventId: true },
  });
  const withOutbox = new Set(waiting.map((change) => change.eventId));
  return rows.map((row) => ({
    id: row.id,
    remoteRef: row.remoteRef as string,
    etag: row.etag,
    version: row.version,
    hasPendingChange: row.syncState !== "SYNCED" || withOutbox.has(row.id),
  }));
}
