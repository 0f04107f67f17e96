import { db } from "../db/client.ts";
import { notFound } from "../errors/app-error.ts";
import { serializeEvent, type ApiEvent } from "./serialize-event.ts";

/**
 * One event of the user (the series master for a recurring event). Another user's id, a row
 * kept aside because it did not parse, and a local delete waiting for its push all answer 404.
 */
export async function getEvent(params: { userId: string; eventId: string }): Promise<ApiEvent> {
  const row = await db().event.findFirst({
    where: { id: params.eventId, userId: params.userId, deletedLocally: false, parseError: null },
    include: { calendar: { select: { readOnly: true } } },
  });
  if (!row) throw notFound("Event");
  return serializeEvent(row);
}
