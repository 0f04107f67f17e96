import { db } from "../db/client.ts";
import type { Event } from "../db/generated/client.ts";
import { serializeEvent, type ApiEvent } from "./serialize-event.ts";

/** The docs/api.md event object of a row an edit just wrote (its calendar's read-only flag read here). */
export async function serializeEditedEvent(event: Event): Promise<ApiEvent> {
  const calendar = await db().calendar.findUniqueOrThrow({
    where: { id: event.calendarId },
    select: { readOnly: true },
  });
  return serializeEvent({ ...event, calendar });
}
