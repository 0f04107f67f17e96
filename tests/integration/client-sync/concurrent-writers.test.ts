/**
 * PostgreSQL only (PGlite has one connection): a write transaction that took a change number but
 * has not committed yet must not be skipped by a token issued meanwhile. The per-user advisory
 * lock in the change trigger makes the next writer of the same user wait, so numbers commit in
 * order.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listEventChanges } from "../../../lib/client-sync/list-event-changes.ts";
import { db } from "../../../lib/db/client.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";
import { createTestCalendar, createTestUser, insertEvent, simpleEvent } from "../events/event-fixtures.ts";

process.env.AUTH_SECRET ||= "integration-test-secret-for-client-sync";

async function waitForAdvisoryWait(observer: pg.Client, pid: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const result = await observer.query<{ waiting: boolean }>(
      "SELECT wait_event_type = 'Lock' AND wait_event = 'advisory' AS waiting FROM pg_stat_activity WHERE pid = $1",
      [pid],
    );
    if (result.rows[0]?.waiting) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the second writer never waited for the advisory lock");
}

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

  it("never lets a token skip a change that committed after it was issued", async () => {
    const [first, second, observer] = clients as [pg.Client, pg.Client, pg.Client];
    const userId = await createTestUser();
    const calendarId = await createTestCalendar({ userId });
    const a = await insertEvent({
      userId,
      calendarId,
      ical: simpleEvent({ title: "A0", start: "20260301T090000Z", end: "20260301T100000Z" }),
    });
    const b = await insertEvent({
      userId,
      calendarId,
      ical: simpleEvent({ title: "B0", start: "20260302T090000Z", end: "20260302T100000Z" }),
    });

    await first.query("BEGIN");
    await first.query(`UPDATE "Event" SET title = 'A1' WHERE id = $1`, [a]);
    const secondPid = (await second.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid as number;
    // Autocommit: without the lock this would commit at once with a higher number than A's.
    const secondWrite = second.query(`UPDATE "Event" SET title = 'B1' WHERE id = $1`, [b]);
    await waitForAdvisoryWait(observer, secondPid);

    const listing = await listEventChanges({ userId, maxResults: 100 });
    expect(Object.fromEntries(listing.items.map((item) => [item.id, "title" in item ? item.title : null]))).toEqual({
      [a]: "A0",
      [b]: "B0",
    });

    await first.query("COMMIT");
    await secondWrite;
    const rows = await db().event.findMany({ where: { id: { in: [a, b] } }, select: { id: true, changeSeq: true } });
    const seq = Object.fromEntries(rows.map((row) => [row.id, row.changeSeq]));
    expect((seq[b] as bigint) > (seq[a] as bigint)).toBe(true);

    const changes = await listEventChanges({ userId, syncToken: listing.nextSyncToken as string });
    expect(Object.fromEntries(changes.items.map((item) => [item.id, "title" in item ? item.title : null]))).toEqual({
      [a]: "A1",
      [b]: "B1",
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
