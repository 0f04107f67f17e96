import { db } from "../db/client.ts";
import { trashCutoff } from "./trash-retention.ts";

/** Removes every Trash record older than the retention (run daily by the purge-trash job). */
export async function purgeTrash(params: { now?: Date } = {}): Promise<{ removed: number }> {
  const { count } = await db().trashedEvent.deleteMany({ where: { deletedAt: { lt: trashCutoff(params.now) } } });
  return { removed: count };
}
