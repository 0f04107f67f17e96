import { db } from "../db/client.ts";
import type { EventRowForApi } from "../events/serialize-event.ts";

export type ChangedEventRow = EventRowForApi & {
  changeSeq: bigint;
  deletedLocally: boolean;
  parseError: string | null;
};

/**
 * Event rows of the user with tokenSeq < changeSeq <= snapshotSeq, in changeSeq order, walking the
 * (userId, changeSeq) index. The iCalendar payload (the widest column) is read only for series,
 * the one case serializeEvent needs it (recurrence lines): listings run about twice as fast.
 */
export async function readEventRows(params: {
  userId: string;
  afterSeq: bigint;
  snapshotSeq: bigint;
  take: number;
  /** Full listings skip hidden rows; incremental answers report them as deletions. */
  onlyVisible: boolean;
}): Promise<ChangedEventRow[]> {
  const rows = await db().event.findMany({
    where: {
      userId: params.userId,
      changeSeq: { gt: params.afterSeq, lte: params.snapshotSeq },
      ...(params.onlyVisible ? { deletedLocally: false, parseError: null } : {}),
    },
    orderBy: { changeSeq: "asc" },
    take: params.take,
    omit: { ical: true, base: true },
    include: { calendar: { select: { readOnly: true } } },
  });
  const needPayload = rows.filter((row) => row.isRecurring || !row.startAt || !row.endAt).map((row) => row.id);
  const payloads = new Map<string, string>();
  if (needPayload.length > 0) {
    const found = await db().event.findMany({ where: { id: { in: needPayload } }, select: { id: true, ical: true } });
    for (const row of found) payloads.set(row.id, row.ical);
  }
  return rows.map((row) => ({ ...row, ical: payloads.get(row.id) ?? "" }));
}
