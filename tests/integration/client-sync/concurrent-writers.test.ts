/**
 * PostgreSQL only (PGlite has one connection): a write transaction that took a change number but
 * has not committed yet must not be skipped by a token issued meanwhile, even when a later
 * number of the same user commits first; and writers must never wait for each other because
 * of change tracking (no lock-order deadlocks between a pull and a local edit).
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listEventChanges } from "../../../lib/client-sync/list-event-changes.ts";
import { db } from "../../../lib/db/client.ts";
import { readEventColumns } from "../../../lib/sync/pull/event-columns.ts";
import { insertEventRows } from "../../../lib/sync/pull/write-event-rows.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";
import { createTestCalendar, createTestUser, insertEvent, simpleEvent } from "../events/event-fixtures.ts";

process.env.AUTH_SECRET ||= "integration-test-secret-for-client-sync";

const titlesOf = (items: { id: string }[]) =>
  Object.fromEntries(items.map((item) => [item.id, "title" in item ? item.title : "cancelled"]));

describe("change numbers under concurrent writers on postgres", () => {
  let testDb: TestDb;
  const clients: pg.Client[] = [];

  beforeAll(async () => {
    testDb = await createTestDb("postgres");
    for (let i = 0; i < 3; i++) {
      const client = new pg.Client({ connectionString: testDb.url });
      await client.connect();
      clients.push(client);
    }
  });

  afterAll(async () => {
    for (const client of clients) await client.end();
    await testDb.close();
  });

  it("never lets a token skip a change that commits after a later one", async () => {
    const [first, second] = clients as [pg.Client, pg.Client];
    const userId = await createTestUser();
    const calendarId = await createTestCalendar({ userId });
    const event = (title: string, day: string) =>
      insertEvent({
        userId,
        calendarId,
        ical: simpleEvent({ title, start: `202603${day}T090000Z`, end: `202603${day}T100000Z` }),
      });
    const a = await event("A0", "01");
    const b = await event("B0", "02");

    await first.query("BEGIN");
    await first.query(`UPDATE "Event" SET title = 'A1' WHERE id = $1`, [a]);
    // Autocommit, not blocked: commits a higher number while A's lower one is still open.
    await second.query(`UPDATE "Event" SET title = 'B1' WHERE id = $1`, [b]);

    // The snapshot stops below A's open number: B1 is left for the next call, A0 is listed.
    const listing = await listEventChanges({ userId, maxResults: 100 });
    expect(titlesOf(listing.items)).toEqual({ [a]: "A0" });

    await first.query("COMMIT");
    const changes = await listEventChanges({ userId, syncToken: listing.nextSyncToken as string });
    expect(titlesOf(changes.items)).toEqual({ [a]: "A1", [b]: "B1" });
    const after = await listEventChanges({ userId, syncToken: changes.nextSyncToken as string });
    expect(after.items).toEqual([]);
  });

  it("holds back later changes while a pull's bulk insert is open", async () => {
    const second = clients[1] as pg.Client;
    const userId = await createTestUser();
    const calendarId = await createTestCalendar({ userId });
    const b = await insertEvent({
      userId,
      calendarId,
      ical: simpleEvent({ title: "B0", start: "20260302T090000Z", end: "20260302T100000Z" }),
    });
    const before = await listEventChanges({ userId, maxResults: 100 });
    expect(titlesOf(before.items)).toEqual({ [b]: "B0" });

    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let markInserted = () => {};
    const inserted = new Promise<void>((resolve) => (markInserted = resolve));
    const pulled = db().$transaction(
      async (tx) => {
        const remote = {
          ref: "/cal/pulled.ics",
          etag: '"1"',
          ical: simpleEvent({ title: "P", start: "20260303T090000Z", end: "20260303T100000Z" }),
        };
        await insertEventRows({ tx, userId, calendarId, remotes: [remote], parse: readEventColumns });
        markInserted();
        await released;
      },
      { timeout: 30_000 },
    );
    await inserted;
    // Commits a number above the pull's open ones: no token may include it before the pull lands.
    await second.query(`UPDATE "Event" SET title = 'B1' WHERE id = $1`, [b]);
    const during = await listEventChanges({ userId, syncToken: before.nextSyncToken as string });
    expect(during.items).toEqual([]);

    release();
    await pulled;
    const after = await listEventChanges({ userId, syncToken: during.nextSyncToken as string });
    expect(Object.values(titlesOf(after.items)).sort()).toEqual(["B1", "P"]);
    const row = await db().event.findFirstOrThrow({ where: { calendarId, remoteRef: "/cal/pulled.ics" } });
    expect(row.changeSeq).toBeGreaterThan(0n);
  });

  it("lets a pull and a local edit of one user write crossing rows without deadlock", async () => {
    const [first, second] = clients as [pg.Client, pg.Client];
    const userId = await createTestUser();
    const calendarId = await createTestCalendar({ userId });
    const x = await insertEvent({
      userId,
      calendarId,
      ical: simpleEvent({ title: "X", start: "20260301T090000Z", end: "20260301T100000Z" }),
    });
    const y = await insertEvent({
      userId,
      calendarId,
      ical: simpleEvent({ title: "Y", start: "20260302T090000Z", end: "20260302T100000Z" }),
    });
    await first.query("BEGIN");
    await first.query(`UPDATE "Event" SET title = 'pulled' WHERE id = $1`, [y]);
    await second.query("BEGIN");
    // Locks X and takes its number without waiting for the first transaction.
    await second.query(`UPDATE "Event" SET title = 'edited' WHERE id = $1`, [x]);
    const pullTouchesX = first.query(`UPDATE "Event" SET title = 'pulled' WHERE id = $1`, [x]);
    await second.query("COMMIT");
    await pullTouchesX;
    await first.query("COMMIT");
    expect(titlesOf(await db().event.findMany({ where: { id: { in: [x, y] } } }))).toEqual({
      [x]: "pulled",
      [y]: "pulled",
    });
  });

  it("does not make writers of different users wait for each other", async () => {
    const [first, second] = clients as [pg.Client, pg.Client];
    const users = [await createTestUser(), await createTestUser()];
    const ids: string[] = [];
    for (const userId of users) {
      const calendarId = await createTestCalendar({ userId });
      ids.push(
        await insertEvent({
          userId,
          calendarId,
          ical: simpleEvent({ title: "x", start: "20260301T090000Z", end: "20260301T100000Z" }),
        }),
      );
    }
    await first.query("BEGIN");
    await first.query(`UPDATE "Event" SET title = 'y' WHERE id = $1`, [ids[0]]);
    // Completes while the first transaction is still open: a different user's lock key.
    await second.query(`UPDATE "Event" SET title = 'y' WHERE id = $1`, [ids[1]]);
    await first.query("COMMIT");
    expect(await db().event.count({ where: { id: { in: ids }, title: "y" } })).toBe(2);
  });
});
