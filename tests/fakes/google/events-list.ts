import type { EventResource } from "./event-types.ts";
import { eventTimeMs } from "./event-types.ts";
import { badRequest } from "./http-utils.ts";
import { decodePageToken, decodeSyncToken, encodePageToken, encodeSyncToken, queryKey } from "./list-tokens.ts";
import { formatDateTime } from "./zoned-time.ts";
import { expandSeries } from "./recurrence.ts";
import type { AccessRole, CalendarRecord, EventRecord, EventVersion, FakeStore } from "./store.ts";
import { eventsOf, versionAt } from "./store.ts";

/** Parameters Google refuses next to a syncToken (events.list reference, `syncToken`). */
const FORBIDDEN_WITH_SYNC_TOKEN = [
  "timeMin",
  "timeMax",
  "q",
  "orderBy",
  "updatedMin",
  "iCalUID",
  "privateExtendedProperty",
  "sharedExtendedProperty",
];

const DEFAULT_MAX_RESULTS = 250;
const MAX_RESULTS_CAP = 2500;
/** How far an open-ended series is expanded for singleEvents=true without timeMax. */
const OPEN_EXPANSION_MS = 2 * 365 * 86_400_000;

export interface ListOptions {
  /** `eventTypes` filter (repeatable parameter); undefined = every type. */
  eventTypes?: Set<string>;
  showDeleted: boolean;
  singleEvents: boolean;
  timeMin?: number;
  timeMax?: number;
  iCalUID?: string;
  orderBy?: string;
}

function parseTime(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  // RFC 3339 with a mandatory offset, as the reference requires.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(raw))
    throw badRequest(`Bad Request`, "badRequest");
  return Date.parse(raw);
}

function parseMaxResults(query: URLSearchParams): number {
  const raw = query.get("maxResults");
  if (raw === null) return DEFAULT_MAX_RESULTS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw badRequest("Invalid value for maxResults.");
  return Math.min(value, MAX_RESULTS_CAP);
}

function overlaps(resource: EventResource, options: ListOptions): boolean {
  const start = eventTimeMs(resource.start ?? resource.originalStartTime);
  const end = resource.end ? eventTimeMs(resource.end) : start;
  // timeMin bounds the event's end (exclusive of events ending before it); timeMax bounds its start.
  if (options.timeMin !== undefined && !(end > options.timeMin)) return false;
  if (options.timeMax !== undefined && !(start < options.timeMax)) return false;
  return true;
}

/**
 * The wire form of a version: deletions carry only `id` (and, unless `minimalDeletions`, the
 * kind and etag Google usually adds); cancelled instances add their origin.
 */
function present(store: FakeStore, version: EventVersion): EventResource {
  const r = version.resource;
  if (version.deleted && store.options.minimalDeletions) return { id: r.id, status: "cancelled" };
  if (version.deleted) return { kind: "calendar#event", etag: r.etag, id: r.id, status: "cancelled" };
  if (r.status === "cancelled" && r.recurringEventId) {
    const minimal: EventResource = { kind: "calendar#event", etag: r.etag, id: r.id, status: "cancelled" };
    if (store.options.dropCancelledInstanceFields) return minimal;
    return { ...minimal, recurringEventId: r.recurringEventId, originalStartTime: r.originalStartTime };
  }
  return r;
}

export function instancesOf(params: {
  master: EventResource;
  exceptions: Set<string>;
  options: ListOptions;
}): EventResource[] {
  const { master, options } = params;
  const until = options.timeMax ?? Date.now() + OPEN_EXPANSION_MS;
  const duration = eventTimeMs(master.end) - eventTimeMs(master.start);
  const { recurrence: _recurrence, ...rest } = master;
  const out: EventResource[] = [];
  for (const occurrence of expandSeries({ master, untilMs: until })) {
    if (params.exceptions.has(occurrence.instanceId)) continue;
    const isAllDay = Boolean(master.start?.date);
    const endMs = occurrence.startMs + duration;
    const start = occurrence.originalStartTime;
    const end = isAllDay
      ? { date: new Date(endMs).toISOString().slice(0, 10) }
      : { dateTime: formatDateTime(endMs, master.end?.timeZone), timeZone: master.end?.timeZone };
    const instance: EventResource = {
      ...rest,
      id: occurrence.instanceId,
      recurringEventId: master.id,
      originalStartTime: start,
      start,
      end,
    };
    if (overlaps(instance, options)) out.push(instance);
  }
  return out;
}

/** Every item of the query as of snapshot `seq`, in a stable order. */
function collect(params: {
  store: FakeStore;
  calendar: CalendarRecord;
  seq: number;
  since?: number;
  options: ListOptions;
}): EventResource[] {
  const { store, options, seq, since } = params;
  const records = [...eventsOf(store, params.calendar.id).values()].sort(
    (a, b) => a.createdSeq - b.createdSeq || a.id.localeCompare(b.id),
  );
  const visible = records.flatMap((record) => {
    const version = versionAt(record, seq);
    if (!version) return [];
    if (since !== undefined && !record.versions.some((v) => v.seq > since && v.seq <= seq)) return [];
    return [version];
  });
  const exceptionIds = new Set(visible.filter((v) => v.resource.recurringEventId).map((v) => v.resource.id));
  const items: EventResource[] = [];
  for (const version of visible) {
    const r = version.resource;
    const isCancelledInstance = !version.deleted && r.status === "cancelled" && Boolean(r.recurringEventId);
    if (since === undefined) {
      if (version.deleted && !options.showDeleted) continue;
      // Cancelled instances come back even without showDeleted, unless expanding (events.list `showDeleted`).
      if (isCancelledInstance && options.singleEvents && !options.showDeleted) continue;
      if (options.iCalUID !== undefined && r.iCalUID !== options.iCalUID) continue;
    }
    // Deletions carry no type and always come through; live items must match eventTypes.
    if (options.eventTypes && !version.deleted && !options.eventTypes.has(String(r.eventType ?? "default"))) continue;
    if (options.singleEvents && r.recurrence?.length && !version.deleted) {
      items.push(...instancesOf({ master: r, exceptions: exceptionIds, options }));
      continue;
    }
    if (since === undefined && !version.deleted && !isCancelledInstance && r.recurrence?.length) {
      // A series is listed when one of its occurrences falls in the window; without a window
      // it is listed as is, so it is not expanded at all.
      if (options.timeMin !== undefined || options.timeMax !== undefined) {
        const until = options.timeMax ?? Date.now() + OPEN_EXPANSION_MS;
        const any = instancesOf({ master: r, exceptions: new Set(), options: { ...options, timeMax: until } });
        if (any.length === 0) continue;
      }
    } else if (since === undefined && !version.deleted && !overlaps(r, options)) continue;
    items.push(present(store, version));
  }
  if (options.orderBy === "startTime") items.sort((a, b) => eventTimeMs(a.start) - eventTimeMs(b.start));
  if (options.orderBy === "updated")
    items.sort((a, b) => Date.parse(String(a.updated)) - Date.parse(String(b.updated)));
  return items;
}

/**
 * The last listing collected per store, reused by its later pages: a snapshot's result never
 * changes (versions are append-only), so paging through N items costs one collect instead of
 * one per page (a 10k-event calendar in pages of 2500 was re-collected for every page). The
 * events map is part of the identity so a reset store or a re-added calendar never hits.
 */
const lastListing = new WeakMap<FakeStore, { events: Map<string, EventRecord>; key: string; items: EventResource[] }>();

function collectCached(params: {
  store: FakeStore;
  calendar: CalendarRecord;
  seq: number;
  since?: number;
  options: ListOptions;
  queryKey: string;
}): EventResource[] {
  const { store, calendar } = params;
  const events = eventsOf(store, calendar.id);
  const key = [
    calendar.id,
    calendar.tokenGeneration,
    params.seq,
    params.since ?? "",
    params.queryKey,
    store.options.dropCancelledInstanceFields,
    store.options.minimalDeletions,
  ].join("\u0000");
  const cached = lastListing.get(store);
  if (cached && cached.events === events && cached.key === key) return cached.items;
  const items = collect(params);
  lastListing.set(store, { events, key, items });
  return items;
}

/** events.list: full listing, or incremental with syncToken; paged with snapshot page tokens. */
export function listEvents(params: {
  store: FakeStore;
  calendar: CalendarRecord;
  role: AccessRole;
  query: URLSearchParams;
}): unknown {
  const { store, calendar, query } = params;
  const syncToken = query.get("syncToken");
  if (syncToken !== null) {
    const forbidden = FORBIDDEN_WITH_SYNC_TOKEN.find((name) => query.has(name));
    if (forbidden) throw badRequest(`The parameter ${forbidden} cannot be used together with syncToken.`);
    if (query.get("showDeleted") === "false") throw badRequest("showDeleted=false is not allowed with syncToken.");
  }
  const orderBy = query.get("orderBy") ?? undefined;
  const singleEvents = query.get("singleEvents") === "true";
  if (orderBy === "startTime" && !singleEvents)
    throw badRequest("The requested ordering is not available for the particular query.");
  const options: ListOptions = {
    showDeleted: query.get("showDeleted") === "true",
    singleEvents,
    timeMin: parseTime(query, "timeMin"),
    timeMax: parseTime(query, "timeMax"),
    iCalUID: query.get("iCalUID") ?? undefined,
    eventTypes: query.has("eventTypes") ? new Set(query.getAll("eventTypes")) : undefined,
    orderBy,
  };
  const maxResults = parseMaxResults(query);
  const since = syncToken !== null ? decodeSyncToken(calendar, syncToken) : undefined;
  const key = queryKey(query);
  const pageToken = query.get("pageToken");
  const page = pageToken ? decodePageToken({ calendar, token: pageToken, key }) : { snapshot: store.clock, offset: 0 };
  const all = collectCached({ store, calendar, seq: page.snapshot, since, options, queryKey: key });
  const items = all.slice(page.offset, page.offset + maxResults);
  const hasMore = page.offset + maxResults < all.length;
  const body: Record<string, unknown> = {
    kind: "calendar#events",
    etag: `"p${page.snapshot}"`,
    summary: calendar.summary,
    updated: new Date().toISOString(),
    timeZone: calendar.timeZone,
    accessRole: params.role,
    defaultReminders: [],
    items,
  };
  if (hasMore)
    body.nextPageToken = encodePageToken({ c: calendar.id, s: page.snapshot, o: page.offset + maxResults, k: key });
  // An incremental pull that found nothing hands back the same token (observed behaviour).
  else if (syncToken !== null && all.length === 0) body.nextSyncToken = syncToken;
  else body.nextSyncToken = encodeSyncToken(calendar, page.snapshot);
  return body;
}
