import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as syncRoute from "../../../app/api/v1/sync/events/route.ts";
import { compactTombstones } from "../../../lib/client-sync/compact-tombstones.ts";
import { listEventChanges, type EventChangesPage } from "../../../lib/client-sync/list-event-changes.ts";
import { db } from "../../../lib/db/client.ts";
import { AppError } from "../../../lib/errors/app-error.ts";
import { callRoute, createUserWithToken } from "../../helpers/api.ts";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db.ts";
import { createTestCalendar, eventColumns, icalOf, insertEvent, simpleEvent } from "../events/event-fixtures.ts";

process.env.AUTH_SECRET ||= "integration-test-secret-for-client-sync";

type Item = EventChangesPage["items"][number];

/** Follows every page of one listing; checks that only the last page carries nextSyncToken. */
async function listAll(params: { userId: string; syncToken?: string; maxResults: number }) {
  const items: Item[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await listEventChanges({ ...params, ...(pageToken ? { pageToken } : {}) });
    pages += 1;
    items.push(...page.items);
    if (page.nextPageToken) {
      expect(page.nextSyncToken).toBeUndefined();
      expect(page.items).toHaveLength(params.maxResults);
      pageToken = page.nextPageToken;
      continue;
    }
    expect(page.nextSyncToken).toEqual(expect.any(String));
    return { items, pages, syncToken: page.nextSyncToken as string };
  }
}

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; status: number }> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return { code: (error as AppError).code, status: (error as AppError).status };
}

const gone = { code: "sync_token_expired", status: 410 };

describe.each(testDbKinds)("listEventChanges on %s", (kind) => {
  let testDb: TestDb;
  let userId: string;
  let token: string;
  let calendarA: string;
  let calendarB: string;
  let seriesId: string;

  beforeAll(async () => {
    testDb = await createTestDb(kind);
    ({ userId, token } = await createUserWithToken("sync"));
    calendarA = await createTestCalendar({ userId });
    calendarB = await createTestCalendar({ userId, enabled: false });
    for (let i = 0; i < 11; i++) {
      const day = String(10 + i);
      await insertEvent({
        userId,
        calendarId: i % 2 === 0 ? calendarA : calendarB,
        ical: simpleEvent({ title: `Event ${i}`, start: `202604${day}T090000Z`, end: `202604${day}T100000Z` }),
      });
    }
    seriesId = await insertEvent({
      userId,
      calendarId: calendarA,
      ical: icalOf([
        "UID:s-1",
        "SUMMARY:Weekly",
        "DTSTART:20260401T080000Z",
        "DTEND:20260401T090000Z",
        "RRULE:FREQ=WEEKLY",
      ]),
    });
    // Hidden rows are not part of a full listing.
    await insertEvent({
      userId,
      calendarId: calendarA,
      ical: simpleEvent({ title: "x", start: "20260401T000000Z", end: "20260401T010000Z" }),
      extra: { deletedLocally: true },
    });
    await insertEvent({
      userId,
      calendarId: calendarA,
      ical: simpleEvent({ title: "y", start: "20260401T000000Z", end: "20260401T010000Z" }),
      extra: { parseError: "bad" },
    });
    // Another user's events never show up.
    const stranger = await createUserWithToken("stranger");
    const theirs = await createTestCalendar({ userId: stranger.userId });
    await insertEvent({
      userId: stranger.userId,
      calendarId: theirs,
      ical: simpleEvent({ title: "z", start: "20260401T000000Z", end: "20260401T010000Z" }),
    });
  });

  afterAll(async () => {
    await testDb.close();
  });

  async function visibleIds(): Promise<string[]> {
    const rows = await db().event.findMany({
      where: { userId, deletedLocally: false, parseError: null },
      select: { id: true },
    });
    return rows.map((row) => row.id).sort();
  }

  it("lists every current event over several pages, series as masters, exactly once", async () => {
    const listing = await listAll({ userId, maxResults: 5 });
    expect(listing.pages).toBe(3);
    const ids = listing.items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(await visibleIds());
    const series = listing.items.find((item) => item.id === seriesId);
    expect(series).toMatchObject({
      title: "Weekly",
      recurrence: ["RRULE:FREQ=WEEKLY"],
      status: "confirmed",
      etag: '"v1"',
    });
    // Page sizes 1 and 2500 work; one page holds everything with the largest size.
    expect((await listAll({ userId, maxResults: 1 })).pages).toBe(12);
    expect((await listAll({ userId, maxResults: 2500 })).pages).toBe(1);
  });

  it("refuses page sizes 0 and 2501 with 422", async () => {
    expect(await errorOf(listEventChanges({ userId, maxResults: 0 }))).toEqual({
      code: "validation_failed",
      status: 422,
    });
    expect(await errorOf(listEventChanges({ userId, maxResults: 2501 }))).toEqual({
      code: "validation_failed",
      status: 422,
    });
  });

  it("returns only the changes since a token: creates, edits, deletions, local deletes", async () => {
    const { syncToken } = await listAll({ userId, maxResults: 100 });
    expect((await listAll({ userId, syncToken, maxResults: 100 })).items).toEqual([]);
    const created = await insertEvent({
      userId,
      calendarId: calendarB,
      ical: simpleEvent({ title: "New", start: "20260501T090000Z", end: "20260501T100000Z" }),
    });
    const [edited, removed, hidden] = (await visibleIds()).filter((id) => id !== created && id !== seriesId);
    await db().event.update({
      where: { id: edited as string },
      data: {
        ...eventColumns(simpleEvent({ title: "Renamed", start: "20260502T090000Z", end: "20260502T100000Z" })),
        version: { increment: 1 },
      },
    });
    const removedRow = await db().event.delete({ where: { id: removed as string } });
    await db().event.update({ where: { id: hidden as string }, data: { deletedLocally: true } });
    const changes = await listAll({ userId, syncToken, maxResults: 2 });
    expect(changes.pages).toBe(2);
    const byId = new Map(changes.items.map((item) => [item.id, item]));
    expect(byId.size).toBe(4);
    expect(byId.get(created)).toMatchObject({ title: "New", calendarId: calendarB });
    expect(byId.get(edited as string)).toMatchObject({ title: "Renamed", start: "2026-05-02T09:00:00Z", etag: '"v2"' });
    expect(byId.get(removed as string)).toEqual({
      id: removed,
      calendarId: removedRow.calendarId,
      status: "cancelled",
    });
    expect(byId.get(hidden as string)).toMatchObject({ id: hidden, status: "cancelled" });
    // The new token starts after these changes.
    expect((await listAll({ userId, syncToken: changes.syncToken, maxResults: 10 })).items).toEqual([]);
  });

  it("keeps one snapshot while paging; changes made meanwhile come in the next incremental answer", async () => {
    const before = await visibleIds();
    const first = await listEventChanges({ userId, maxResults: 4 });
    const seen = new Set(first.items.map((item) => item.id));
    const unseen = before.filter((id) => !seen.has(id));
    const [editedSeen] = [...seen];
    const [editedUnseen, deletedUnseen] = unseen;
    await db().event.update({ where: { id: editedSeen as string }, data: { title: "Edited after page 1" } });
    await db().event.update({ where: { id: editedUnseen as string }, data: { title: "Edited before its page" } });
    await db().event.delete({ where: { id: deletedUnseen as string } });
    const added = await insertEvent({
      userId,
      calendarId: calendarA,
      ical: simpleEvent({ title: "Added while paging", start: "20260601T090000Z", end: "20260601T100000Z" }),
    });
    const items = [...first.items];
    let page = first;
    while (page.nextPageToken) {
      page = await listEventChanges({ userId, maxResults: 4, pageToken: page.nextPageToken });
      items.push(...page.items);
    }
    const ids = items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(added);
    expect(ids).not.toContain(editedUnseen);
    const next = await listAll({ userId, syncToken: page.nextSyncToken as string, maxResults: 50 });
    const byId = new Map(next.items.map((item) => [item.id, item]));
    expect(byId.get(editedSeen as string)).toMatchObject({ title: "Edited after page 1" });
    expect(byId.get(editedUnseen as string)).toMatchObject({ title: "Edited before its page" });
    expect(byId.get(deletedUnseen as string)).toMatchObject({ status: "cancelled" });
    expect(byId.get(added)).toMatchObject({ title: "Added while paging" });
    expect(byId.size).toBe(4);
  });

  it("answers 410 for a tampered, expired or another user's sync token, 400/410 for bad page tokens", async () => {
    const { syncToken } = await listAll({ userId, maxResults: 2500 });
    const tampered = syncToken.slice(0, -2) + (syncToken.endsWith("AA") ? "BB" : "AA");
    expect(await errorOf(listEventChanges({ userId, syncToken: tampered }))).toEqual(gone);
    const later = new Date(Date.now() + 31 * 86_400_000);
    expect(await errorOf(listEventChanges({ userId, syncToken, now: later }))).toEqual(gone);
    const other = await createUserWithToken("other");
    expect(await errorOf(listEventChanges({ userId: other.userId, syncToken }))).toEqual(gone);
    const page = await listEventChanges({ userId, maxResults: 1 });
    const pageToken = page.nextPageToken as string;
    expect(await errorOf(listEventChanges({ userId, pageToken: `${pageToken}x` }))).toEqual({
      code: "invalid_page_token",
      status: 400,
    });
    expect(await errorOf(listEventChanges({ userId, pageToken, syncToken }))).toEqual({
      code: "invalid_page_token",
      status: 400,
    });
    expect((await errorOf(listEventChanges({ userId: other.userId, pageToken }))).status).toBe(410);
    expect((await errorOf(listEventChanges({ userId, pageToken, now: later }))).status).toBe(410);
  });

  it("answers 410 for a token older than the compaction horizon, and not for a newer one", async () => {
    const old = await listAll({ userId, maxResults: 2500 });
    const doomed = (await visibleIds())[0] as string;
    await db().event.delete({ where: { id: doomed } });
    const recent = await listAll({ userId, maxResults: 2500 });
    // Compact everything deleted so far, as a retention far shorter than 30 days would.
    const { removed } = await compactTombstones({ olderThan: new Date(Date.now() + 60_000) });
    expect(removed).toBeGreaterThan(0);
    expect(await db().eventTombstone.count({ where: { userId } })).toBe(0);
    expect(await errorOf(listEventChanges({ userId, syncToken: old.syncToken }))).toEqual(gone);
    expect((await listEventChanges({ userId, syncToken: recent.syncToken })).items).toEqual([]);
    // The default retention keeps recent deletion records.
    const another = (await visibleIds())[0] as string;
    await db().event.delete({ where: { id: another } });
    expect((await compactTombstones()).removed).toBe(0);
    expect((await listEventChanges({ userId, syncToken: recent.syncToken })).items).toEqual([
      expect.objectContaining({ id: another, status: "cancelled" }),
    ]);
  });

  it("reports the events of a removed calendar as deletions", async () => {
    const { syncToken } = await listAll({ userId, maxResults: 2500 });
    const doomed = (
      await db().event.findMany({ where: { calendarId: calendarB, deletedLocally: false }, select: { id: true } })
    ).map((row) => row.id);
    expect(doomed.length).toBeGreaterThan(0);
    await db().calendar.delete({ where: { id: calendarB } });
    const changes = await listAll({ userId, syncToken, maxResults: 2500 });
    expect(
      changes.items
        .filter((item) => item.status === "cancelled")
        .map((item) => item.id)
        .sort(),
    ).toEqual(doomed.sort());
  });

  it("serves GET /api/v1/sync/events with docs/api.md's status codes", async () => {
    const first = await callRoute(syncRoute.GET, { token, path: "/api/v1/sync/events?maxResults=2" });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextPageToken).toEqual(expect.any(String));
    const next = await callRoute(syncRoute.GET, {
      token,
      path: `/api/v1/sync/events?maxResults=2&pageToken=${encodeURIComponent(first.body.nextPageToken)}`,
    });
    expect(next.status).toBe(200);
    const cases: [string, number, string][] = [
      ["/api/v1/sync/events?maxResults=0", 422, "validation_failed"],
      ["/api/v1/sync/events?maxResults=2501", 422, "validation_failed"],
      ["/api/v1/sync/events?syncToken=s1.bogus.token", 410, "sync_token_expired"],
      ["/api/v1/sync/events?pageToken=bogus", 400, "invalid_page_token"],
    ];
    for (const [path, status, code] of cases) {
      const response = await callRoute(syncRoute.GET, { token, path });
      expect([path, response.status, response.body.error.code]).toEqual([path, status, code]);
    }
    expect((await callRoute(syncRoute.GET, { path: "/api/v1/sync/events" })).status).toBe(401);
  });
});
