/**
 * The one interface every remote service implements (docs/design.md "Provider interface").
 * Adapters return Concord's own types, never touch the database, and report refreshed
 * credentials through `onCredentialsChanged`.
 */

/**
 * The kind of remote service, as the API and the adapters name it. The database stores the same
 * kinds upper-case (Prisma enum `ProviderKind`); those two are the only provider unions.
 */
export type ProviderName = "google" | "icloud" | "caldav";

/** A calendar as the remote describes it. */
export interface RemoteCalendar {
  /** Identity: Google calendar id, or the CalDAV collection URL normalised (see normaliseHref). */
  remoteId: string;
  /** CalDAV collection URL exactly as discovered; undefined for Google. */
  remoteUrl?: string;
  name: string;
  /** `#RRGGBB` (alpha stripped). */
  color?: string;
  timeZone?: string;
  readOnly: boolean;
  /** CalDAV: whether the collection advertises sync-collection (RFC 6578). */
  supportsSyncCollection?: boolean;
}

/** What an adapter needs to address a stored calendar. */
export interface CalendarRef {
  remoteId: string;
  remoteUrl?: string | null;
  supportsSyncCollection?: boolean | null;
}

/** Opaque-to-the-engine position in a calendar's change stream. */
export interface Cursor {
  syncToken?: string | null;
  ctag?: string | null;
}

/** One remote object, with its canonical iCalendar payload (Google events are converted). */
export interface RemoteObject {
  /** CalDAV href (normalised) or Google event id (of the series master for recurring events). */
  ref: string;
  /** Exactly as received. */
  etag: string | null;
  ical: string;
}

export type RemoteChange = ({ type: "upsert" } & RemoteObject) | { type: "delete"; ref: string };

export interface PullResult {
  changes: RemoteChange[];
  /** Store only after `changes` are applied, in the same transaction. */
  cursor: Cursor;
  /**
   * True when `changes` lists every object of the calendar (a full listing): the engine may
   * then sweep local rows that were not listed. Never true for a partial or truncated read.
   */
  isFullListing: boolean;
  /** True when nothing changed since the cursor (cheap probe), changes is then empty. */
  unchanged?: boolean;
  /** HTTP requests made, for SyncRun rows and benchmarks. */
  requests: number;
}

export interface WriteResult {
  ref: string;
  /** Null when the server returned none (the next pull then sees a new etag). */
  etag: string | null;
  /** Set when the remote rewrote the object (Google always does): the payload to store as base. */
  ical?: string;
}

export interface CalendarProvider {
  readonly name: ProviderName;
  /** Event calendars of the account (VEVENT collections only). Throws AuthRevoked on bad credentials. */
  listCalendars(): Promise<RemoteCalendar[]>;
  /** Changes since `cursor` (null = full listing). Throws CursorExpired when the cursor is refused. */
  pull(params: { calendar: CalendarRef; cursor: Cursor | null }): Promise<PullResult>;
  /** The current remote version, or null when it no longer exists. */
  fetchEvent(params: { calendar: CalendarRef; ref: string }): Promise<RemoteObject | null>;
  /**
   * Create with a stable, client-chosen name (`suggestedRef`) so a retried create after a lost
   * response cannot duplicate: CalDAV PUT `<name>.ics` with If-None-Match: *, Google insert
   * with a client id. PreconditionFailed when that name already exists.
   */
  createEvent(params: { calendar: CalendarRef; ical: string; uid: string; suggestedRef: string }): Promise<WriteResult>;
  /** Conditional update (If-Match `etag`). `fields` names what changed, for patch-style APIs. */
  updateEvent(params: {
    calendar: CalendarRef;
    ref: string;
    ical: string;
    etag: string | null;
    fields: string[];
  }): Promise<WriteResult>;
  /** Conditional delete (If-Match `etag`); already gone counts as success. */
  deleteEvent(params: { calendar: CalendarRef; ref: string; etag: string | null }): Promise<void>;
}

/** Push-notification capability (Google). CalDAV calendars are polled instead. */
export interface WatchCapable {
  watch(params: {
    calendar: CalendarRef;
    channelId: string;
    token: string;
    address: string;
  }): Promise<{ resourceId: string; expiresAt: Date }>;
  unwatch(params: { channelId: string; resourceId: string }): Promise<void>;
}

export function canWatch(provider: CalendarProvider): provider is CalendarProvider & WatchCapable {
  return typeof (provider as Partial<WatchCapable>).watch === "function";
}

/** Decrypted connection credentials, by provider. */
export type ConnectionCredentials =
  | { kind: "password"; username: string; password: string }
  | {
      kind: "oauth";
      accessToken: string;
      refreshToken: string;
      expiryDate?: number | null;
      scope?: string;
    };
