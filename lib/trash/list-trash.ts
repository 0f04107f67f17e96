import { db } from "../db/client.ts";
import { formatStoredTime } from "../events/serialize-event.ts";
import { trashCutoff } from "./trash-retention.ts";

/** One entry of `GET /api/v1/trash`; `id` is the deleted event's id (restore takes it). */
export interface TrashItem {
  id: string;
  calendarId: string;
  title: string;
  start: string | null;
  end: string | null;
  allDay: boolean;
  deletedAt: string;
}

/** The person's deleted events still restorable (younger than the retention), newest first. */
export async function listTrash(params: { userId: string; now?: Date }): Promise<TrashItem[]> {
  const rows = await db().trashedEvent.findMany({
    where: { userId: params.userId, deletedAt: { gte: trashCutoff(params.now) } },
    orderBy: { deletedAt: "desc" },
    take: 1000,
  });
  return rows.map((row) => ({
    id: row.id,
    calendarId: row.calendarId,
    title: row.title,
    start: row.startAt ? formatStoredTime(row.startAt, row.allDay) : null,
    end: row.endAt ? formatStoredTime(row.endAt, row.allDay) : null,
    allDay: row.allDay,
    deletedAt: row.deletedAt.toISOString(),
  }));
}
