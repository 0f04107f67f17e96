import { randomBytes } from "node:crypto";
import type { EventResource } from "./event-types.ts";

export const DEFAULT_ACCOUNT = "user@example.com";

export type AccessRole = "owner" | "writer" | "reader" | "freeBusyReader";

export interface CalendarRecord {
  id: string;
  summary: string;
  timeZone: string;
  backgroundColor: string;
  /** Account email -> access role (calendarList.accessRole). */
  access: Map<string, AccessRole>;
  /** Bumped by the control API: sync tokens of an older generation answer 410. */
  tokenGeneration: number;
}

export interface EventVersion {
  seq: number;
  resource: EventResource;
  /** A deletion (not a cancelled instance of a live series). */
  deleted: boolean;
}

export interface EventRecord {
  id: string;
  createdSeq: number;
  /** Append-only history so page tokens can read the state as of their snapshot. */
  versions: EventVersion[];
}

export interface FakeStore {
  /** Global change counter; every write takes the next value. */
  clock: number;
  calendars: Map<string, CalendarRecord>;
  events: Map<string, Map<string, EventRecord>>;
  options: {
    dropCancelledInstanceFields: boolean;
    /** Deleted events listed as `{id, status}` only: the minimum Google documents for them. */
    minimalDeletions: boolean;
  };
  listeners: Array<(calendarId: string) => void>;
}

export function createStore(): FakeStore {
  return {
    clock: 0,
    calendars: new Map(),
    events: new Map(),
    options: { dropCancelledInstanceFields: false, minimalDeletions: false },
    listeners: [],
  };
}

export function resetStore(store: FakeStore): void {
  store.clock = 0;
  store.calendars.clear();
  store.events.clear();
  store.options.dropCancelledInstanceFields = false;
  store.options.minimalDeletions = false;
}

/** Google event ids use base32hex characters [a-v0-9]. */
export function newEventId(): string {
  const alphabet = "0123456789abcdefghijklmnopqrstuv";
  return Array.from(randomBytes(26), (b) => alphabet[b % 32]).join("");
}

export function addCalendar(
  store: FakeStore,
  params: {
    id: string;
    summary?: string;
    timeZone?: string;
    backgroundColor?: string;
    access?: Record<string, AccessRole>;
  },
): CalendarRecord {
  const access = new Map<string, AccessRole>(Object.entries(params.access ?? { [DEFAULT_ACCOUNT]: "owner" }));
  const calendar: CalendarRecord = {
    id: params.id,
    summary: params.summary ?? params.id,
    timeZone: params.timeZone ?? "UTC",
    backgroundColor: params.backgroundColor ?? "#9fc6e7",
    access,
    tokenGeneration: 1,
  };
  store.calendars.set(calendar.id, calendar);
  store.events.set(calendar.id, new Map());
  return calendar;
}

export function eventsOf(store: FakeStore, calendarId: string): Map<string, EventRecord> {
  const events = store.events.get(calendarId);
  if (!events) throw new Error(`unknown calendar ${calendarId}`);
  return events;
}

export function latest(record: EventRecord): EventVersion {
  const version = record.versions[record.versions.length - 1];
  if (!version) throw new Error("event without versions");
  return version;
}

/** The version visible at snapshot `seq`, or undefined when the event did not exist yet. */
export function versionAt(record: EventRecord, seq: number): EventVersion | undefined {
  for (let i = record.versions.length - 1; i >= 0; i--) {
    const version = record.versions[i];
    if (version && version.seq <= seq) return version;
  }
  return undefined;
}

/** Google etags are quoted numbers that change on every write. */
function etagFor(seq: number): string {
  return `"${3_500_000_000_000_000 + seq * 1000}"`;
}

/**
 * Records a new version of an event: bumps the clock, stamps `etag` and `updated`, and tells
 * listeners (push channels) that the calendar changed.
 */
export function writeEvent(
  store: FakeStore,
  params: { calendarId: string; resource: EventResource; deleted?: boolean },
): EventResource {
  const events = eventsOf(store, params.calendarId);
  store.clock += 1;
  const seq = store.clock;
  const now = new Date().toISOString().replace(/(\.\d{3})Z$/, "$1Z");
  const existing = events.get(params.resource.id);
  const resource: EventResource = {
    ...params.resource,
    kind: "calendar#event",
    etag: etagFor(seq),
    created: params.resource.created ?? existing?.versions[0]?.resource.created ?? now,
    updated: now,
  };
  const version: EventVersion = { seq, resource, deleted: params.deleted ?? false };
  if (existing) existing.versions.push(version);
  else events.set(resource.id, { id: resource.id, createdSeq: seq, versions: [version] });
  for (const listener of store.listeners) listener(params.calendarId);
  return resource;
}

/** Calendars the account can see, with its role. */
export function calendarsOf(store: FakeStore, email: string): Array<{ calendar: CalendarRecord; role: AccessRole }> {
  const out: Array<{ calendar: CalendarRecord; role: AccessRole }> = [];
  for (const calendar of store.calendars.values()) {
    const role = calendar.access.get(email);
    if (role) out.push({ calendar, role });
  }
  return out;
}
