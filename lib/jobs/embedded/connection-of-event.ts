import { db } from "../../db/client.ts";

/**
 * The connection an event's run works for, for the embedded runner's per-connection bound:
 * the event's own `connectionId`, else its calendar's connection. Events carry ids only
 * (events.ts), so a calendar's connection is read from the database; cron events have none.
 */
export async function connectionOfEvent(event: { data: Record<string, unknown> }): Promise<string | undefined> {
  const { connectionId, calendarId } = event.data;
  if (typeof connectionId === "string") return connectionId;
  if (typeof calendarId !== "string") return undefined;
  const calendar = await db().calendar.findUnique({ where: { id: calendarId }, select: { connectionId: true } });
  return calendar?.connectionId;
}
