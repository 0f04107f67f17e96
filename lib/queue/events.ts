import { eventType } from "inngest";
import { z } from "zod";

// Event payloads carry ids only, never calendar data or credentials: the database is the
// source of truth and a function always re-reads it (a queued event may be stale by the
// time it runs).

const id = z.string().min(1).max(200);

export const connectionInitialSyncData = z.object({ connectionId: id });
export const connectionRefreshCalendarsData = z.object({ connectionId: id });
export const calendarPullData = z.object({
  calendarId: id,
  /** Why the pull was asked for (logged, never branched on). */
  reason: z.string().max(100).optional(),
});
export const outboxPushData = z.object({ calendarId: id });
export const googleNotificationData = z.object({
  calendarId: id,
  channelId: z.string().min(1).max(500),
  resourceState: z.string().max(50),
});

export const connectionInitialSync = eventType("concord/connection.initial-sync", {
  schema: connectionInitialSyncData,
});
export const connectionRefreshCalendars = eventType("concord/connection.refresh-calendars", {
  schema: connectionRefreshCalendarsData,
});
export const calendarPull = eventType("concord/calendar.pull", { schema: calendarPullData });
export const outboxPush = eventType("concord/outbox.push", { schema: outboxPushData });
export const googleNotification = eventType("concord/google.notification", {
  schema: googleNotificationData,
});

/** Every event Concord sends, by name, with the zod schema of its data. */
export const eventSchemas = {
  "concord/connection.initial-sync": connectionInitialSyncData,
  "concord/connection.refresh-calendars": connectionRefreshCalendarsData,
  "concord/calendar.pull": calendarPullData,
  "concord/outbox.push": outboxPushData,
  "concord/google.notification": googleNotificationData,
} as const;

export type ConcordEventName = keyof typeof eventSchemas;

/** One event as `sendEvent` takes it: a known name and data of that name's shape. */
export type ConcordEvent = {
  [N in ConcordEventName]: { name: N; data: z.input<(typeof eventSchemas)[N]> };
}[ConcordEventName];

/** Validates an event against its schema; throws a ZodError when the data does not fit. */
export function parseConcordEvent(event: ConcordEvent): ConcordEvent {
  const schema = eventSchemas[event.name];
  if (!schema) throw new Error(`Unknown event name: ${String(event.name)}`);
  return { name: event.name, data: schema.parse(event.data) } as ConcordEvent;
}
