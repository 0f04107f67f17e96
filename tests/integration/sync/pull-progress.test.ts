/**
 * A running pull shows its progress (docs/design.md "SyncRun ... for the UI"): objects received,
 * then how many are saved, per batch, while its transaction is still open — so a first sync of
 * a large calendar shows "events so far" in the calendar listing.
 *
 * On PostgreSQL the pull is held between two batches deterministically: another transaction
 * inserts (and keeps uncommitted) a row with the same remote name as one in the second batch,
 * so that batch's INSERT waits on the unique index until the test rolls back.
 */
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listCalendars } from "../../../lib/calendars/list-calendars.ts";
import { db } from "../../../lib/db/client.ts";
import { pullCalendar } from "../../../lib/sync/pull-calendar.ts";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db.ts";
import { createFakeProvider, eventIcal, seedCalendar, type FakeProvider } from "./pull-fixtures.ts";

const savedKey = process.env.CONCORD_ENCRYPTION_KEY;
beforeAll(() => {
  process.env.CONCORD_ENCRYPTION_KEY = randomBytes(32).toString("hex");
});
afterAll(() => {
  process.env.CONCORD_ENCRYPTION_KEY = savedKey;
});

const refOf = (i: number) => `/cal/e-${i}.ics`;

describe.each(testDbKinds)("pull progress on %s", (kind) => {
  // More than two write batches of 2,000 where the middle one is held; PGlite (slower, one
  // connection, nothing to observe mid-transaction) only needs more than one batch.
  const COUNT = kind === "postgres" ? 4500 : 2100;
  let testDb: TestDb;
  let provider: FakeProvider;
  let ids: { userId: string; calendarId: string };

  beforeEach(async () => {
    testDb = await createTestDb(kind);
    provider = createFakeProvider();
    ids = await seedCalendar("progress");
    for (let i = 0; i < COUNT; i++) provider.put(refOf(i), eventIcal({ uid: `e-${i}@test`, title: `Event ${i}` }));
  });
  afterEach(async () => {
    await testDb.close();
  });

  it("leaves received and saved on the finished run", async () => {
    const result = await pullCalendar({ calendarId: ids.calendarId, provider });
    expect(result.created).toBe(COUNT);
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run).toMatchObject({ status: "OK", received: COUNT, saved: COUNT, created: COUNT });
    const [calendar] = await listCalendars({ userId: ids.userId });
    expect(calendar).toMatchObject({ eventCount: COUNT, progress: null, syncState: "ok" });
  });

  // PGlite has one connection: a read waits for the open pull transaction, so only PostgreSQL can show it.
  if (kind === "postgres")
    it("shows events so far while the pull's transaction is open", async () => {
      const blocker = new pg.Client({ connectionString: testDb.url });
      await blocker.connect();
      try {
        // The 3,000th object falls in the second batch of creates.
        await blocker.query("BEGIN");
        await blocker.query(
          `INSERT INTO "Event" ("id", "userId", "calendarId", "uid", "ical", "remoteRef", "updatedAt")
         VALUES ($1, $2, $3, 'blocker', 'x', $4, now())`,
          [randomUUID(), ids.userId, ids.calendarId, refOf(2999)],
        );
        const pull = pullCalendar({ calendarId: ids.calendarId, provider });
        pull.catch(() => undefined);

        // Liveness bound only: the pull parses and writes the first batch, then waits on the blocker.
        let progress: { received: number; saved: number } | null | undefined;
        const deadline = Date.now() + 60_000;
        while (Date.now() < deadline) {
          const [calendar] = await listCalendars({ userId: ids.userId });
          progress = calendar?.progress;
          if (progress && progress.saved > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(progress).toEqual({ received: COUNT, saved: 2000 });
        const [calendar] = await listCalendars({ userId: ids.userId });
        expect(calendar).toMatchObject({ syncState: "syncing", eventCount: 0 });
        const running = await db().syncRun.findFirstOrThrow({ where: { calendarId: ids.calendarId } });
        expect(running).toMatchObject({ status: "RUNNING", received: COUNT, saved: 2000 });

        await blocker.query("ROLLBACK");
        const result = await pull;
        expect(result.created).toBe(COUNT);
        const [done] = await listCalendars({ userId: ids.userId });
        expect(done).toMatchObject({ syncState: "ok", eventCount: COUNT, progress: null });
      } finally {
        await blocker.end();
      }
    });
});
