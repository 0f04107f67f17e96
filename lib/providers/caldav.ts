/**
 * CalDAV adapter (RFC 4791, RFC 6578) behind CalendarProvider. tsdav does discovery; REPORTs,
 * PROPFIND probes and writes go through the adapter's own transport so the sync token, 507
 * truncation, DAV:valid-sync-token, incomplete multigets and conditional writes are all seen
 * (docs/design.md "Hard-won rules"). Refs are normalised absolute paths; etags stay as received.
 */
import { listCaldavCalendars } from "./caldav/list-calendars.ts";
import { createDavTransport, type RequestBudget, type ThrottleRetry } from "./caldav/dav-transport.ts";
import { ensureDtend } from "./caldav/ensure-dtend.ts";
import { createHostPolicy } from "./caldav/host-policy.ts";
import { collectionUrlOf, pullCalendar } from "./caldav/pull-calendar.ts";
import { resolveMember } from "./caldav/resolve-member.ts";
import { createObject, deleteObject, fetchObject, updateObject } from "./caldav/write-object.ts";
import { ForeignHostRefused } from "./caldav/host-policy.ts";
import type { CalendarProvider, CalendarRef, ProviderName } from "./types.ts";

export interface CaldavProviderOptions {
  serverUrl: string;
  username: string;
  password: string;
  fetch?: typeof fetch;
  /** Hosts besides the server's own that may receive credentials (`*.example.com` allowed). */
  allowedHosts?: string[];
  /** Spaces requests to at most `maxRequests` per `perMs` for this account. */
  requestBudget?: RequestBudget;
  /** Retries of 429/503 before RateLimited is thrown (default: none, the job queue retries). */
  throttleRetry?: ThrottleRetry;
  /** Add DTEND to every written VEVENT that lacks one (iCloud). */
  requireDtend?: boolean;
  /** calendar-multiget batch size (default 100). */
  multigetBatchSize?: number;
  /** Receives problems that do not fail the call (skipped foreign hrefs); never credentials. */
  logError?: (message: string) => void;
  name?: ProviderName;
}

export function createCaldavProvider(options: CaldavProviderOptions): CalendarProvider {
  const hostPolicy = createHostPolicy({ serverUrl: options.serverUrl, allowedHosts: options.allowedHosts });
  const logError = options.logError ?? ((message: string) => console.error(`[caldav] ${message}`));
  const transport = createDavTransport({
    username: options.username,
    password: options.password,
    hostPolicy,
    fetch: options.fetch,
    throttleRetry: options.throttleRetry,
    requestBudget: options.requestBudget,
    logError,
  });
  const collectionUrl = (calendar: CalendarRef) => collectionUrlOf({ calendar, serverUrl: options.serverUrl });
  const objectUrl = (calendar: CalendarRef, ref: string) => {
    const member = resolveMember({ href: ref, collectionUrl: collectionUrl(calendar), hostPolicy, logError });
    if (!member) throw new ForeignHostRefused("the object's href points at a host that may not receive credentials");
    return member.url;
  };
  const prepare = (ical: string) => (options.requireDtend ? ensureDtend(ical) : ical);

  return {
    name: options.name ?? "caldav",
    listCalendars: () => listCaldavCalendars({ transport, hostPolicy, serverUrl: options.serverUrl }),
    pull: ({ calendar, cursor }) =>
      pullCalendar({
        transport,
        hostPolicy,
        serverUrl: options.serverUrl,
        calendar,
        cursor,
        multigetBatchSize: options.multigetBatchSize,
        logError,
      }),
    fetchEvent: async ({ calendar, ref }) => fetchObject({ transport, url: objectUrl(calendar, ref) }),
    createEvent: async ({ calendar, ical, suggestedRef }) =>
      createObject({ transport, collectionUrl: collectionUrl(calendar), suggestedRef, ical: prepare(ical) }),
    updateEvent: async ({ calendar, ref, ical, etag }) =>
      updateObject({ transport, url: objectUrl(calendar, ref), ical: prepare(ical), etag }),
    deleteEvent: async ({ calendar, ref, etag }) => deleteObject({ transport, url: objectUrl(calendar, ref), etag }),
  };
}
