import type { EventResource } from "./event-types.ts";
import { GoogleHttpError, badRequest, notFound } from "./http-utils.ts";
import { formatDateTime } from "./zoned-time.ts";
import { expandSeries, parseInstanceId } from "./recurrence.ts";
import type { CalendarRecord, FakeStore } from "./store.ts";
import { eventsOf, latest, newEventId, writeEvent } from "./store.ts";

/** What an id names right now: a stored event, or an occurrence of a series not yet edited. */
interface Resolved {
  resource: EventResource;
  deleted: boolean;
  /** True for an occurrence that exists only through its master's RRULE. */
  isVirtual: boolean;
  isInstance: boolean;
}

const ID_PATTERN = /^[a-v0-9]{5,1024}$/;

function resolveEvent(store: FakeStore, calendar: CalendarRecord, id: string): Resolved | null {
  const record = eventsOf(store, calendar.id).get(id);
  if (record) {
    const version = latest(record);
    return {
      resource: version.resource,
      deleted: version.deleted,
      isVirtual: false,
      isInstance: Boolean(version.resource.recurringEventId),
    };
  }
  const parsed = parseInstanceId(id);
  const masterRecord = parsed && eventsOf(store, calendar.id).get(parsed.masterId);
  if (!parsed || !masterRecord) return null;
  const master = latest(masterRecord);
  if (master.deleted || !master.resource.recurrence?.length) return null;
  const occurrence = expandSeries({ master: master.resource }).find((o) => o.instanceId === id);
  if (!occurrence) return null;
  const duration =
    Date.parse(master.resource.end?.dateTime ?? `${master.resource.end?.date}T00:00:00Z`) -
    Date.parse(master.resource.start?.dateTime ?? `${master.resource.start?.date}T00:00:00Z`);
  const endMs = occurrence.startMs + duration;
  const { recurrence: _recurrence, etag: _etag, ...rest } = master.resource;
  const resource: EventResource = {
    ...rest,
    id,
    recurringEventId: master.resource.id,
    originalStartTime: occurrence.originalStartTime,
    start: occurrence.originalStartTime,
    end: master.resource.start?.date
      ? { date: new Date(endMs).toISOString().slice(0, 10) }
      : { dateTime: formatDateTime(endMs, master.resource.end?.timeZone), timeZone: master.resource.end?.timeZone },
    etag: master.resource.etag,
  };
  return { resource, deleted: false, isVirtual: true, isInstance: true };
}

function requireLive(resolved: Resolved | null): Resolved {
  if (!resolved || resolved.deleted) throw notFound();
  return resolved;
}

/** If-Match (https://developers.google.com/workspace/calendar/api/guides/version-resources). */
function checkIfMatch(resolved: Resolved, ifMatch: string | undefined): void {
  if (ifMatch && ifMatch !== "*" && ifMatch !== resolved.resource.etag) {
    throw new GoogleHttpError({ status: 412, reason: "conditionNotMet", message: "Precondition Failed" });
  }
}

function checkSequence(current: EventResource, body: Record<string, unknown>): void {
  if (typeof body.sequence === "number" && body.sequence < (current.sequence ?? 0))
    throw badRequest("Invalid sequence value.");
}

const TIME_FIELDS = ["start", "end", "recurrence"];

function nextSequence(current: EventResource, next: EventResource, body: Record<string, unknown>): number {
  if (typeof body.sequence === "number") return body.sequence;
  const moved = TIME_FIELDS.some((field) => JSON.stringify(current[field]) !== JSON.stringify(next[field]));
  return (current.sequence ?? 0) + (moved ? 1 : 0);
}

/** Read-only fields a client cannot set. */
function writable(body: Record<string, unknown>): Record<string, unknown> {
  const {
    id: _id,
    etag: _etag,
    kind: _kind,
    created: _created,
    updated: _updated,
    recurringEventId: _r,
    originalStartTime: _o,
    ...rest
  } = body;
  return rest;
}

export function getEvent(params: { store: FakeStore; calendar: CalendarRecord; id: string; ifNoneMatch?: string }): {
  status: number;
  body?: EventResource;
} {
  const resolved = resolveEvent(params.store, params.calendar, params.id);
  if (!resolved) throw notFound();
  if (params.ifNoneMatch && params.ifNoneMatch === resolved.resource.etag) return { status: 304 };
  if (resolved.deleted)
    return {
      status: 200,
      body: { kind: "calendar#event", etag: resolved.resource.etag, id: params.id, status: "cancelled" },
    };
  return { status: 200, body: resolved.resource };
}

export function insertEvent(params: {
  store: FakeStore;
  calendar: CalendarRecord;
  body: Record<string, unknown>;
  email: string;
}): EventResource {
  const { store, calendar, body } = params;
  const id = typeof body.id === "string" ? body.id : newEventId();
  if (!ID_PATTERN.test(id)) throw badRequest("Invalid resource id value.");
  if (eventsOf(store, calendar.id).has(id)) {
    throw new GoogleHttpError({
      status: 409,
      reason: "duplicate",
      message: "The requested identifier already exists.",
    });
  }
  if (!body.start) throw badRequest("Missing start time.", "required");
  if (!body.end) throw badRequest("Missing end time.", "required");
  const resource: EventResource = {
    status: "confirmed",
    sequence: 0,
    creator: { email: params.email, self: true },
    organizer: { email: calendar.id, displayName: calendar.summary, self: true },
    ...writable(body),
    id,
    iCalUID: typeof body.iCalUID === "string" ? body.iCalUID : `${id}@google.com`,
  };
  return writeEvent(store, { calendarId: calendar.id, resource });
}

/** `null` inside a sent object clears that member (e.g. `start: {date: null, dateTime}`). */
function withoutNulls(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, member]) => member !== null)
      .map(([key, member]) => [key, withoutNulls(member)]),
  );
}

/** Patch semantics: sent fields replace stored ones, `null` clears, extendedProperties merge. */
function mergePatch(current: EventResource, body: Record<string, unknown>): EventResource {
  const next: EventResource = { ...current };
  for (const [field, value] of Object.entries(writable(body))) {
    if (value === null) delete next[field];
    else if (field === "extendedProperties" && typeof value === "object") {
      const old = (current.extendedProperties ?? {}) as Record<string, Record<string, string>>;
      const sent = value as Record<string, Record<string, string>>;
      next.extendedProperties = withoutNulls({
        private: { ...old.private, ...sent.private },
        shared: { ...old.shared, ...sent.shared },
      });
    } else next[field] = withoutNulls(value);
  }
  return next;
}

export function patchEvent(params: {
  store: FakeStore;
  calendar: CalendarRecord;
  id: string;
  body: Record<string, unknown>;
  ifMatch?: string;
  replace: boolean;
}): EventResource {
  const resolved = requireLive(resolveEvent(params.store, params.calendar, params.id));
  checkIfMatch(resolved, params.ifMatch);
  checkSequence(resolved.resource, params.body);
  const current = resolved.resource;
  const kept: EventResource = {
    id: current.id,
    iCalUID: current.iCalUID,
    created: current.created,
    recurringEventId: current.recurringEventId,
    originalStartTime: current.originalStartTime,
    creator: current.creator,
    organizer: current.organizer,
  };
  const merged = params.replace
    ? { status: "confirmed", ...kept, ...writable(params.body) }
    : mergePatch(current, params.body);
  if (params.replace && (!merged.start || !merged.end)) throw badRequest("Missing end time.", "required");
  for (const field of ["recurringEventId", "originalStartTime"] as const)
    if (kept[field] === undefined) delete merged[field];
  const next: EventResource = { ...merged, sequence: nextSequence(current, merged, params.body) };
  return writeEvent(params.store, { calendarId: params.calendar.id, resource: next });
}

export function deleteEvent(params: {
  store: FakeStore;
  calendar: CalendarRecord;
  id: string;
  ifMatch?: string;
}): void {
  const { store, calendar } = params;
  const resolved = resolveEvent(store, calendar, params.id);
  if (!resolved) throw notFound();
  if (resolved.deleted || (resolved.isInstance && resolved.resource.status === "cancelled")) {
    throw new GoogleHttpError({ status: 410, reason: "deleted", message: "Resource has been deleted" });
  }
  checkIfMatch(resolved, params.ifMatch);
  const resource = resolved.resource;
  if (resolved.isInstance) {
    // Deleting one occurrence leaves a cancelled exception behind (recurring events guide).
    writeEvent(store, { calendarId: calendar.id, resource: { ...resource, status: "cancelled" } });
    return;
  }
  writeEvent(store, { calendarId: calendar.id, resource: { ...resource, status: "cancelled" }, deleted: true });
  if (!resource.recurrence?.length) return;
  for (const record of eventsOf(store, calendar.id).values()) {
    const version = latest(record);
    if (version.resource.recurringEventId === resource.id && !version.deleted) {
      writeEvent(store, {
        calendarId: calendar.id,
        resource: { ...version.resource, status: "cancelled" },
        deleted: true,
      });
    }
  }
}
