import { db } from "../../db/client.ts";
import { parseConcordEvent, type ConcordEvent } from "../../queue/events.ts";

/**
 * Takes (deletes and returns) up to `limit` events other app processes forwarded, oldest first.
 * SKIP LOCKED lets a runner that is handing over and its successor never take one event twice.
 */
export async function takeForwardedEvents(params: { limit: number }): Promise<ConcordEvent[]> {
  const rows = await db().$queryRaw<{ id: bigint; name: string; data: unknown }[]>`
    DELETE FROM "ForwardedJobEvent"
    WHERE id IN (SELECT id FROM "ForwardedJobEvent" ORDER BY id LIMIT ${params.limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, name, data`;
  const events: ConcordEvent[] = [];
  // RETURNING keeps no order: sort so events run in the order they were sent.
  for (const row of rows.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    try {
      events.push(parseConcordEvent({ name: row.name, data: row.data } as ConcordEvent));
    } catch (error) {
      // An event of an older or newer version that no longer parses: the work it stood for is
      // rebuilt from the database anyway (rebuild-queue-from-database.ts), so it is only logged.
      console.warn(`[jobs] dropped a forwarded ${row.name} event that does not parse:`, (error as Error).message);
    }
  }
  return events;
}
