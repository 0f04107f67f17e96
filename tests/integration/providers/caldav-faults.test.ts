/**
 * Faults real servers do not produce on demand, injected by a proxy in front of real Radicale
 * and Xandikos: truncated sync answers (507), incomplete multigets, throttling, revoked
 * credentials, server errors, and hrefs on foreign hosts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCaldavProvider } from "../../../lib/providers/caldav.ts";
import { ForeignHostRefused } from "../../../lib/providers/caldav/host-policy.ts";
import {
  AuthRevoked,
  CursorExpired,
  GoneRemotely,
  RateLimited,
  RemoteUnavailable,
  WriteForbidden,
} from "../../../lib/providers/errors.ts";
import type { CalendarProvider, CalendarRef, RemoteChange } from "../../../lib/providers/types.ts";
import { allowPrivateHost } from "../../helpers/allow-private-host.ts";
import { findFreePort } from "../../helpers/caldav-client.ts";
import { startCaldavProxy, type CaldavProxy } from "../../helpers/caldav-proxy.ts";
import { caldavServerKinds, simpleEvent, startCaldavTarget, type CaldavTarget } from "../../helpers/caldav-servers.ts";

const CALENDAR_DATA_RE = /<([\w.-]+:)?calendar-data\b[^>]*>[\s\S]*?<\/\1calendar-data>/g;
const RESPONSE_RE = /<((?:[\w.-]+:)?)response\b[^>]*>[\s\S]*?<\/\1response>/g;

function refsOf(changes: RemoteChange[], type: RemoteChange["type"]): string[] {
  return changes
    .filter((c) => c.type === type)
    .map((c) => c.ref)
    .sort();
}

describe.each(caldavServerKinds)("CalDAV faults on %s", (kind) => {
  let target: CaldavTarget;
  let proxy: CaldavProxy;
  let calendar: CalendarRef;
  let workPath: string;
  const errors: string[] = [];
  const requestedHosts: string[] = [];
  let provider: CalendarProvider;
  let counter = 0;

  const providerWith = (extra: Partial<Parameters<typeof createCaldavProvider>[0]> = {}) =>
    createCaldavProvider({
      serverUrl: proxy.url,
      username: target.username,
      password: target.password,
      logError: (message) => errors.push(message),
      fetch: (input, init) => {
        requestedHosts.push(new URL(input instanceof Request ? input.url : input).host);
        return fetch(input, init);
      },
      ...extra,
    });

  /** Adds `count` events as the other client and returns their refs. */
  async function addEvents(count: number): Promise<string[]> {
    const refs: string[] = [];
    for (let i = 0; i < count; i++) {
      const name = `fault-${++counter}.ics`;
      await target.putAsOtherClient({ name, ical: simpleEvent({ uid: `fault-${counter}` }) });
      refs.push(`${workPath}${name}`);
    }
    return refs.sort();
  }

  beforeAll(async () => {
    target = await startCaldavTarget(kind);
    proxy = await startCaldavProxy({ target: target.serverUrl });
    workPath = new URL(target.calendarUrl).pathname;
    calendar = {
      remoteId: workPath,
      remoteUrl: `${proxy.url.replace(/\/$/, "")}${workPath}`,
      supportsSyncCollection: true,
    };
    provider = providerWith();
    await addEvents(2);
  });
  afterEach(() => {
    proxy.setRules([]);
    proxy.resetStats();
    errors.length = 0;
    requestedHosts.length = 0;
  });
  afterAll(async () => {
    await proxy?.stop();
    await target?.stop();
  });

  it("continues a sync answer truncated with 507 until it is complete", async () => {
    const start = await provider.pull({ calendar, cursor: null });
    const added = await addEvents(5);
    proxy.resetStats();
    proxy.setRules([{ kind: "truncate-sync", keep: 2, match: { bodyIncludes: "sync-collection" } }]);
    const result = await provider.pull({ calendar, cursor: start.cursor });
    expect(refsOf(result.changes, "upsert")).toEqual(added);
    expect(result.isFullListing).toBe(false);
    const syncRequests = proxy.stats.methods.filter((m) => m === "REPORT").length;
    // Two sync pages, plus one multiget on Xandikos (its sync answers carry no data).
    expect(syncRequests).toBe(kind === "xandikos" ? 3 : 2);
    expect(result.requests).toBe(syncRequests);
    // The token after the last page is the server's real one: nothing is pending.
    const after = await provider.pull({ calendar, cursor: result.cursor });
    expect(after.unchanged).toBe(true);
  });

  it("throws RemoteUnavailable, and deletes nothing, when a multiget answer lacks a requested href", async () => {
    const start = await provider.pull({ calendar, cursor: null });
    const added = await addEvents(3);
    proxy.resetStats();
    proxy.setRules([
      // Radicale sends data inside sync-collection; strip it so the multiget path runs.
      {
        kind: "transform",
        match: { bodyIncludes: "sync-collection" },
        transform: (b) => b.replace(CALENDAR_DATA_RE, ""),
      },
      {
        kind: "drop-multiget-href",
        match: { bodyIncludes: "calendar-multiget" },
        hrefIncludes: added[1]!.split("/").pop()!,
      },
    ]);
    await expect(provider.pull({ calendar, cursor: start.cursor })).rejects.toBeInstanceOf(RemoteUnavailable);
    expect(proxy.stats.methods.filter((m) => m === "REPORT")).toHaveLength(2);
  });

  it("treats a member the multiget reports as 404 as deleted", async () => {
    const start = await provider.pull({ calendar, cursor: null });
    const added = await addEvents(3);
    const goneName = added[0]!.split("/").pop()!;
    proxy.setRules([
      {
        kind: "transform",
        match: { bodyIncludes: "sync-collection" },
        transform: (b) => b.replace(CALENDAR_DATA_RE, ""),
      },
      {
        kind: "transform",
        match: { bodyIncludes: "calendar-multiget" },
        transform: (b) =>
          b.replace(RESPONSE_RE, (response) =>
            response.includes(goneName)
              ? `<D:response xmlns:D="DAV:"><D:href>${workPath}${goneName}</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>`
              : response,
          ),
      },
    ]);
    const result = await provider.pull({ calendar, cursor: start.cursor });
    expect(refsOf(result.changes, "delete")).toEqual([added[0]]);
    expect(refsOf(result.changes, "upsert")).toEqual(added.slice(1));
  });

  it("maps 429 and 503 to RateLimited with the server's Retry-After", async () => {
    proxy.setRules([{ kind: "status", status: 429, retryAfter: "7", match: { method: "REPORT" } }]);
    const limited = await provider.pull({ calendar, cursor: null }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimited);
    expect((limited as RateLimited).retryAfterMs).toBe(7000);
    expect((limited as RateLimited).status).toBe(429);

    proxy.setRules([{ kind: "status", status: 503, retryAfter: "2", match: { method: "PROPFIND" } }]);
    const unavailable = await provider.pull({ calendar, cursor: null }).catch((e: unknown) => e);
    expect(unavailable).toBeInstanceOf(RateLimited);
    expect((unavailable as RateLimited).retryAfterMs).toBe(2000);
  });

  it("retries a 503 with backoff when configured to (the iCloud rule), then succeeds", async () => {
    const patient = providerWith({ throttleRetry: { maxRetries: 2, minBackoffMs: 5 } });
    proxy.setRules([{ kind: "status", status: 503, retryAfter: "0", times: 1, match: { method: "REPORT" } }]);
    const result = await patient.pull({ calendar, cursor: null });
    expect(result.isFullListing).toBe(true);
    expect(proxy.stats.methods).toEqual(["PROPFIND", "REPORT", "REPORT"]);
    expect(result.requests).toBe(3);
  });

  it("maps a 401 to AuthRevoked", async () => {
    proxy.setRules([{ kind: "status", status: 401, match: { method: "REPORT" } }]);
    await expect(provider.pull({ calendar, cursor: null })).rejects.toBeInstanceOf(AuthRevoked);
  });

  it("treats one 500 on a stored token as transient, and a 500 everywhere as RemoteUnavailable", async () => {
    const start = await provider.pull({ calendar, cursor: null });
    proxy.setRules([{ kind: "status", status: 500, times: 1, match: { bodyIncludes: "sync-collection" } }]);
    await expect(provider.pull({ calendar, cursor: start.cursor })).rejects.toBeInstanceOf(RemoteUnavailable);

    proxy.setRules([{ kind: "status", status: 500 }]);
    const error = await provider.pull({ calendar, cursor: start.cursor }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteUnavailable);
    expect(error).not.toBeInstanceOf(CursorExpired);
  });

  it("skips an href on a foreign host without sending anything there", async () => {
    const foreign =
      `<D:response xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:href>http://evil.example/steal.ics</D:href>` +
      `<D:propstat><D:prop><D:getetag>"x"</D:getetag><C:calendar-data>BEGIN:VCALENDAR&#13;\nEND:VCALENDAR&#13;\n</C:calendar-data></D:prop>` +
      `<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>`;
    proxy.setRules([
      {
        kind: "transform",
        match: { bodyIncludes: "calendar-query" },
        transform: (b) => b.replace(/(<\/(?:[\w.-]+:)?multistatus>)\s*$/, `${foreign}$1`),
      },
    ]);
    const result = await provider.pull({ calendar, cursor: null });
    expect(result.changes.length).toBeGreaterThan(0);
    expect(result.changes.some((c) => c.ref.includes("steal"))).toBe(false);
    expect(errors.some((e) => e.includes("evil.example"))).toBe(true);
    expect(errors.some((e) => e.includes(target.password))).toBe(false);
    await expect(provider.fetchEvent({ calendar, ref: "http://evil.example/steal.ics" })).rejects.toBeInstanceOf(
      ForeignHostRefused,
    );
    expect(new Set(requestedHosts)).toEqual(new Set([new URL(proxy.url).host]));
  });

  it("maps a 404 on update to GoneRemotely and a 403 on create to WriteForbidden", async () => {
    const ref = `${workPath}fault-1.ics`;
    proxy.setRules([{ kind: "status", status: 404, match: { method: "PUT" } }]);
    await expect(
      provider.updateEvent({ calendar, ref, ical: simpleEvent({ uid: "fault-1" }), etag: '"e"', fields: [] }),
    ).rejects.toBeInstanceOf(GoneRemotely);
    proxy.setRules([{ kind: "status", status: 403, match: { method: "PUT" } }]);
    await expect(
      provider.createEvent({ calendar, ical: simpleEvent({ uid: "new" }), uid: "new", suggestedRef: "new" }),
    ).rejects.toBeInstanceOf(WriteForbidden);
    proxy.setRules([{ kind: "status", status: 410, match: { method: "DELETE" } }]);
    await expect(provider.deleteEvent({ calendar, ref, etag: '"e"' })).resolves.toBeUndefined();
  });

  it("maps a refused connection to RemoteUnavailable", async () => {
    const port = await findFreePort();
    allowPrivateHost(`127.0.0.1:${port}`);
    const offline = createCaldavProvider({ serverUrl: `http://127.0.0.1:${port}/`, username: "u", password: "p" });
    await expect(
      offline.pull({
        calendar: { remoteId: workPath, remoteUrl: `http://127.0.0.1:${port}${workPath}` },
        cursor: null,
      }),
    ).rejects.toBeInstanceOf(RemoteUnavailable);
  });
});
