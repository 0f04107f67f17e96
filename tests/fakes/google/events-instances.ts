import type { EventResource } from "./event-types.ts";
import { eventTimeMs } from "./event-types.ts";
import { badRequest, notFound } from "./http-utils.ts";
import { instancesOf } from "./events-list.ts";
import type { CalendarRecord, FakeStore } from "./store.ts";
import { eventsOf, latest } from "./store.ts";

/**
 * events.instances: the occurrences of a recurring master, exceptions in place of the
 * occurrences they replace (cancelled ones only with showDeleted), ordered by original start.
 */
export function listInstances(params: {
  store: FakeStore;
  calendar: CalendarRecord;
  id: string;
  query: URLSearchParams;
}): unknown {
  const { store, calendar, query } = params;
  const record = eventsOf(store, calendar.id).get(params.id);
  const master = record && latest(record);
  if (!master || master.deleted || !master.resource.recurrence?.length) throw notFound();
  const showDeleted = query.get("showDeleted") === "true";
  const timeMin = query.has("timeMin") ? Date.parse(query.get("timeMin") ?? "") : undefined;
  const timeMax = query.has("timeMax") ? Date.parse(query.get("timeMax") ?? "") : undefined;
  const exceptions = [...eventsOf(store, calendar.id).values()]
    .map((r) => latest(r))
    .filter((v) => !v.deleted && v.resource.recurringEventId === params.id)
    .map((v) => v.resource);
  const items: EventResource[] = [
    ...instancesOf({
      master: master.resource,
      exceptions: new Set(exceptions.map((e) => e.id)),
      options: { showDeleted, singleEvents: true, timeMin, timeMax },
    }),
    ...exceptions.filter((e) => showDeleted || e.status !== "cancelled"),
  ].sort((a, b) => eventTimeMs(a.originalStartTime) - eventTimeMs(b.originalStartTime));
  const maxResults = Math.min(Number(query.get("maxResults") ?? 250), 2500);
  if (!Number.isInteger(maxResults) || maxResults < 1) throw badRequest("Invalid value for maxResults.");
  const offset = Number(query.get("pageToken") ?? 0);
  const page = items.slice(offset, offset + maxResults);
  const body: Record<string, unknown> = {
    kind: "calendar#events",
    summary: calendar.summary,
    timeZone: calendar.timeZone,
    items: page,
  };
  if (offset + maxResults < items.length) body.nextPageToken = String(offset + maxResults);
  return body;
}
