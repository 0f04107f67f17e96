import { describe, expect, it } from "vitest";
import { AuthRevoked, CursorExpired, RateLimited, RemoteUnavailable } from "../../../lib/providers/errors.ts";
import { createGoogleProvider } from "../../../lib/providers/google.ts";
import type { PullResult, RemoteChange } from "../../../lib/providers/types.ts";
import { CALENDAR_ID, googleFixture, setupGoogleProvider } from "../../fakes/google/setup-google-provider.ts";

const g = setupGoogleProvider();
const calendar = { remoteId: CALENDAR_ID };

function event(i: number) {
  const day = String((i % 28) + 1).padStart(2, "0");
  return {
    summary: `Event ${i}`,
    start: { dateTime: `2026-05-${day}T09:00:00Z` },
    end: { dateTime: `2026-05-${day}T10:00:00Z` },
  };
}

function upserts(result: PullResult): Array<Extract<RemoteChange, { type: "upsert" }>> {
  return result.changes.filter((c): c is Extract<RemoteChange, { type: "upsert" }> => c.type === "upsert");
}

async function eventsRequests(): Promise<number> {
  const { requests } = await g.fake.control.requests();
  return requests.filter((r) => r.method === "GET" && r.path.endsWith("/events")).length;
}

describe("Google adapter pull", () => {
  it("lists a calendar fully over several pages with maxResults=2500 and keeps the last page's token", async () => {
    await g.fake.control.seedEvents(
      CALENDAR_ID,
      Array.from({ length: 2600 }, (_, i) => event(i)),
    );
    const result = await g.provider.pull({ calendar, cursor: null });
    expect(result.isFullListing).toBe(true);
    expect(result.changes).toHaveLength(2600);
    expect(new Set(result.changes.map((c) => c.ref)).size).toBe(2600);
    expect(result.cursor.syncToken).toEqual(expect.any(String));
    expect(result.requests).toBe(2);
    const { requests } = await g.fake.control.requests();
    expect(requests.map((r) => [r.query.maxResults, r.query.singleEvents, r.query.showDeleted])).toEqual([
      ["2500", "false", "true"],
      ["2500", "false", "true"],
    ]);
    expect(requests[1]?.query.pageToken).toEqual(expect.any(String));
  });

  it("pulls adds, edits and deletions incrementally, and reports an unchanged calendar", async () => {
    const [a, b] = await g.fake.control.seedEvents(CALENDAR_ID, [event(1), event(2)]);
    const full = await g.provider.pull({ calendar, cursor: null });
    const added = await g.fake.control.mutate({ calendarId: CALENDAR_ID, action: "insert", event: event(3) });
    await g.fake.control.mutate({
      calendarId: CALENDAR_ID,
      action: "patch",
      eventId: a?.id,
      event: { summary: "Renamed" },
    });
    await g.fake.control.mutate({ calendarId: CALENDAR_ID, action: "delete", eventId: b?.id });
    const incremental = await g.provider.pull({ calendar, cursor: full.cursor });
    expect(incremental.isFullListing).toBe(false);
    const byRef = new Map(incremental.changes.map((c) => [c.ref, c]));
    expect(byRef.get(b?.id ?? "")).toEqual({ type: "delete", ref: b?.id });
    expect(byRef.get(added.id)).toMatchObject({ type: "upsert", etag: added.etag });
    const renamed = byRef.get(a?.id ?? "");
    expect(renamed?.type === "upsert" && renamed.ical).toContain("SUMMARY:Renamed");
    const again = await g.provider.pull({ calendar, cursor: incremental.cursor });
    expect(again).toMatchObject({ changes: [], unchanged: true, cursor: incremental.cursor });
  });

  it("folds a moved and a cancelled occurrence into one series object, even when Google sends only ids", async () => {
    const [master] = await g.fake.control.seedEvents(CALENDAR_ID, [googleFixture("weekly-series")]);
    const full = await g.provider.pull({ calendar, cursor: null });
    expect(full.changes.map((c) => c.ref)).toEqual([master?.id]);
    await g.fake.control.setOptions({ dropCancelledInstanceFields: true });
    await g.fake.control.mutate({
      calendarId: CALENDAR_ID,
      action: "patch",
      eventId: `${master?.id}_20260304T080000Z`,
      event: {
        start: { dateTime: "2026-03-04T13:00:00+01:00", timeZone: "Europe/Berlin" },
        end: { dateTime: "2026-03-04T13:15:00+01:00", timeZone: "Europe/Berlin" },
      },
    });
    await g.fake.control.mutate({
      calendarId: CALENDAR_ID,
      action: "delete",
      eventId: `${master?.id}_20260309T080000Z`,
    });
    const incremental = await g.provider.pull({ calendar, cursor: full.cursor });
    const [series] = upserts(incremental);
    expect(incremental.changes).toHaveLength(1);
    expect(series?.ref).toBe(master?.id);
    expect(series?.ical).toContain("RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=8");
    expect(series?.ical).toContain("RECURRENCE-ID;TZID=Europe/Berlin:20260304T090000");
    expect(series?.ical).toContain("DTSTART;TZID=Europe/Berlin:20260304T130000");
    expect(series?.ical).toContain("EXDATE;TZID=Europe/Berlin:20260309T090000");
    expect(series?.etag).not.toBe(master?.etag);
    // Deleting the series is one deletion of the master's ref.
    await g.fake.control.mutate({ calendarId: CALENDAR_ID, action: "delete", eventId: master?.id });
    const deleted = await g.provider.pull({ calendar, cursor: incremental.cursor });
    expect(deleted.changes).toEqual([{ type: "delete", ref: master?.id }]);
  });

  it("keeps changes made while paging for the next incremental pull, without duplicates", async () => {
    const seeded = await g.fake.control.seedEvents(
      CALENDAR_ID,
      Array.from({ length: 2600 }, (_, i) => event(i)),
    );
    await g.fake.control.addFault({ method: "GET", path: "/events", skip: 1, latencyMs: 300, count: 1 });
    const pulling = g.provider.pull({ calendar, cursor: null });
    while ((await eventsRequests()) < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    await g.fake.control.mutate({
      calendarId: CALENDAR_ID,
      action: "patch",
      eventId: seeded[2599]?.id,
      event: { summary: "Edited while paging" },
    });
    const added = await g.fake.control.mutate({ calendarId: CALENDAR_ID, action: "insert", event: event(9999) });
    const full = await pulling;
    expect(full.changes).toHaveLength(2600);
    const next = await g.provider.pull({ calendar, cursor: full.cursor });
    expect(next.changes.map((c) => c.ref).sort()).toEqual([seeded[2599]?.id, added.id].sort());
  });

  it("raises CursorExpired on 410 in the middle of an incremental pull and on a malformed token", async () => {
    const seeded = await g.fake.control.seedEvents(CALENDAR_ID, [event(1)]);
    const full = await g.provider.pull({ calendar, cursor: null });
    await g.fake.control.seedEvents(
      CALENDAR_ID,
      Array.from({ length: 2600 }, (_, i) => event(i)),
    );
    await g.fake.control.clearRequests();
    await g.fake.control.addFault({ method: "GET", path: "/events", skip: 1, latencyMs: 300, count: 1 });
    const pulling = g.provider.pull({ calendar, cursor: full.cursor });
    while ((await eventsRequests()) < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    await g.fake.control.invalidateSyncTokens(CALENDAR_ID);
    await expect(pulling).rejects.toBeInstanceOf(CursorExpired);
    await expect(g.provider.pull({ calendar, cursor: { syncToken: "not-a-token" } })).rejects.toBeInstanceOf(
      CursorExpired,
    );
    expect((await g.provider.pull({ calendar, cursor: null })).changes).toHaveLength(2601);
    expect(seeded).toHaveLength(1);
  });

  it("backs off and recovers from 403 rateLimitExceeded, 429 and 500", async () => {
    await g.fake.control.seedEvents(CALENDAR_ID, [event(1)]);
    await g.fake.control.addFault({ path: "/events", status: 403, count: 1 });
    await g.fake.control.addFault({ path: "/events", status: 429, count: 1 });
    await g.fake.control.addFault({ path: "/events", status: 500, count: 1 });
    const result = await g.provider.pull({ calendar, cursor: null });
    expect(result.changes).toHaveLength(1);
    expect(result.requests).toBe(4);
  });

  it("gives up with RateLimited (with retry-after) and RemoteUnavailable when faults persist", async () => {
    await g.fake.control.addFault({ path: "/events", status: 429, retryAfterSeconds: 0, count: 10 });
    const limited = await g.provider.pull({ calendar, cursor: null }).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(RateLimited);
    expect((limited as RateLimited).retryAfterMs).toBe(0);
    await g.fake.control.clearFaults();
    await g.fake.control.addFault({ path: "/events", status: 500, count: 10 });
    await expect(g.provider.pull({ calendar, cursor: null })).rejects.toBeInstanceOf(RemoteUnavailable);
    await g.fake.control.clearFaults();
    await g.fake.control.addFault({ path: "/events", status: 403, reason: "userRateLimitExceeded", count: 10 });
    await expect(g.provider.pull({ calendar, cursor: null })).rejects.toBeInstanceOf(RateLimited);
  });

  it("refreshes an expired access token and persists it; a revoked grant raises AuthRevoked", async () => {
    await g.fake.control.expireAccessTokens();
    await g.provider.pull({ calendar, cursor: null });
    expect(g.saved).toHaveLength(1);
    expect(g.saved[0]).toMatchObject({
      kind: "oauth",
      accessToken: expect.stringMatching(/^ya29\./),
      refreshToken: g.refreshToken,
    });
    await g.fake.control.expireAccessTokens();
    await g.fake.control.revokeGrants({ refreshToken: g.refreshToken });
    await expect(g.provider.pull({ calendar, cursor: null })).rejects.toBeInstanceOf(AuthRevoked);
    await expect(g.provider.listCalendars()).rejects.toBeInstanceOf(AuthRevoked);
  });
});

describe("Google adapter event types", () => {
  it("syncs default, focus time, out-of-office and Gmail events but not working locations or birthdays", async () => {
    const types = ["default", "focusTime", "outOfOffice", "fromGmail", "workingLocation", "birthday"];
    const seeded = await g.fake.control.seedEvents(
      CALENDAR_ID,
      types.map((eventType, i) => ({ ...event(i), eventType })),
    );
    const full = await g.provider.pull({ calendar, cursor: null });
    expect(full.changes.map((c) => c.ref)).toEqual(seeded.slice(0, 4).map((e) => e.id));
    const { requests } = await g.fake.control.requests();
    expect(requests.at(-1)?.path).toMatch(/\/events$/);
    const [office] = upserts(full).filter((c) => c.ref === seeded[2]?.id);
    expect(office?.ical).toContain("X-CONCORD-GOOGLE");
  });
});

describe("Google adapter without a reachable server", () => {
  it("raises RemoteUnavailable after its retries", async () => {
    const provider = createGoogleProvider({
      credentials: { accessToken: "a", refreshToken: "r", expiryDate: Date.now() + 3_600_000 },
      clientId: "c",
      clientSecret: "s",
      apiRootUrl: "http://127.0.0.1:9/",
      oauthUrl: "http://127.0.0.1:9",
      retryPolicy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    await expect(provider.listCalendars()).rejects.toBeInstanceOf(RemoteUnavailable);
  });
});
