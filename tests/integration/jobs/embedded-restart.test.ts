import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { rebuildQueueFromDatabase } from "../../../lib/jobs/embedded/rebuild-queue-from-database.ts";
import {
  drainEmbeddedRunner,
  startEmbeddedRunner,
  stopEmbeddedRunner,
} from "../../../lib/jobs/embedded/start-embedded-runner.ts";
import { readFunctionDefinition } from "../../../lib/jobs/embedded/read-function-definition.ts";
import { functions } from "../../../lib/jobs/functions/index.ts";
import { sendEvent } from "../../../lib/queue/send-event.ts";
import { useSyncOperations } from "../../../lib/jobs/sync-operations.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";
import { seedCalendar, seedConnection, seedPendingChange, seedUser } from "./seed-jobs-data.ts";

let testDb: TestDb;
const quiet = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
// Schedules are covered by the unit tests; here they would only add runs to wait for.
const eventFunctions = functions.filter((fn) => readFunctionDefinition(fn).crons.length === 0);

beforeAll(async () => {
  testDb = await createTestDb("pglite");
});

afterAll(async () => {
  await testDb.close();
});

beforeEach(async () => {
  await testDb.prisma.user.deleteMany();
  for (const name of ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_DEV", "INNGEST_BASE_URL"]) {
    vi.stubEnv(name, "");
  }
});

afterEach(async () => {
  await stopEmbeddedRunner();
  useSyncOperations(undefined);
  vi.unstubAllEnvs();
});

/** A push that drains PENDING rows in order like the engine does, logging each it sends. */
function fakePush(log: string[], hooks: { afterFirst?: () => Promise<void> } = {}) {
  return async ({ calendarId }: { calendarId: string }) => {
    let pushed = 0;
    for (;;) {
      const next = await testDb.prisma.pendingChange.findFirst({
        where: { calendarId, status: "PENDING" },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      if (!next) break;
      log.push(next.id);
      await testDb.prisma.pendingChange.update({ where: { id: next.id }, data: { status: "DONE" } });
      pushed += 1;
      if (pushed === 1 && hooks.afterFirst) await hooks.afterFirst();
    }
    return { pushed, conflicts: 0, failed: 0 };
  };
}

describe("embedded runner over the database", () => {
  it("resumes pending pushes after a restart mid-queue, sending each change exactly once", async () => {
    const userId = await seedUser(testDb);
    const icloud = await seedConnection(testDb, { userId, provider: "ICLOUD" });
    const revoked = await seedConnection(testDb, { userId, provider: "CALDAV", status: "NEEDS_REAUTH" });
    const work: string[] = [];
    for (const name of ["work", "home"]) {
      const calendarId = await seedCalendar(testDb, { userId, connectionId: icloud, name });
      for (let i = 0; i < 3; i += 1) work.push(await seedPendingChange(testDb, { userId, calendarId }));
    }
    const heldCalendar = await seedCalendar(testDb, { userId, connectionId: revoked, name: "held" });
    const held = await seedPendingChange(testDb, { userId, calendarId: heldCalendar });

    // First process: one run at a time; it dies after sending the first change of the first calendar.
    const log: string[] = [];
    let reachedMidway!: () => void;
    const midway = new Promise<void>((resolve) => (reachedMidway = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    useSyncOperations({
      pushCalendar: fakePush(log, {
        afterFirst: async () => {
          reachedMidway();
          await gate;
          throw new Error("the process died here");
        },
      }),
    });
    await startEmbeddedRunner({ functions: eventFunctions, maxParallelRuns: 1, retryDelayMs: () => 1, logger: quiet });
    await midway;
    const stopped = stopEmbeddedRunner();
    release();
    await stopped;
    expect(log).toHaveLength(1);
    expect(await testDb.prisma.pendingChange.count({ where: { status: "PENDING" } })).toBe(6);

    // Second process: rebuilds its queue from the database and finishes the work.
    useSyncOperations({ pushCalendar: fakePush(log) });
    await startEmbeddedRunner({ functions: eventFunctions, retryDelayMs: () => 1, logger: quiet });
    await drainEmbeddedRunner();
    expect([...log].sort()).toEqual([...work].sort());
    expect(new Set(log).size).toBe(log.length);
    const remaining = await testDb.prisma.pendingChange.findMany({
      where: { status: "PENDING" },
      select: { id: true },
    });
    expect(remaining.map((row) => row.id)).toEqual([held]);

    // Work sent while it runs goes through the same path.
    const calendarId = (await testDb.prisma.calendar.findFirstOrThrow({ where: { remoteName: "home" } })).id;
    const fresh = await seedPendingChange(testDb, { userId, calendarId });
    await sendEvent({ name: "concord/outbox.push", data: { calendarId } });
    await drainEmbeddedRunner();
    expect(log.filter((id) => id === fresh)).toHaveLength(1);
  });

  it("rebuilds pushes, overdue pulls and unfinished initial syncs from the database", async () => {
    const userId = await seedUser(testDb);
    const caldav = await seedConnection(testDb, { userId, provider: "CALDAV" });
    const google = await seedConnection(testDb, { userId, provider: "GOOGLE" });
    const bare = await seedConnection(testDb, { userId, provider: "ICLOUD" });
    const revoked = await seedConnection(testDb, { userId, provider: "GOOGLE", status: "NEEDS_REAUTH" });
    const now = new Date();
    const minutesAgo = (n: number) => new Date(now.getTime() - n * 60_000);
    const fresh = await seedCalendar(testDb, {
      userId,
      connectionId: caldav,
      name: "fresh",
      lastSyncedAt: minutesAgo(1),
    });
    const stale = await seedCalendar(testDb, {
      userId,
      connectionId: caldav,
      name: "stale",
      lastSyncedAt: minutesAgo(5),
    });
    const never = await seedCalendar(testDb, { userId, connectionId: caldav, name: "never", lastSyncedAt: null });
    await seedCalendar(testDb, { userId, connectionId: caldav, name: "off", enabled: false, lastSyncedAt: null });
    await seedCalendar(testDb, { userId, connectionId: google, name: "gRecent", lastSyncedAt: minutesAgo(10) });
    const gOld = await seedCalendar(testDb, {
      userId,
      connectionId: google,
      name: "gOld",
      lastSyncedAt: minutesAgo(45),
    });
    const gHeld = await seedCalendar(testDb, { userId, connectionId: revoked, name: "gHeld", lastSyncedAt: null });
    await seedPendingChange(testDb, { userId, calendarId: fresh });
    await seedPendingChange(testDb, { userId, calendarId: fresh, nextAttemptAt: minutesAgo(-60) });
    await seedPendingChange(testDb, { userId, calendarId: stale, status: "DONE" });
    await seedPendingChange(testDb, { userId, calendarId: gHeld });

    const events = await rebuildQueueFromDatabase({ now });
    const pushes = events.filter((event) => event.name === "concord/outbox.push").map((event) => event.data);
    const pulls = events.filter((event) => event.name === "concord/calendar.pull").map((event) => event.data);
    const syncs = events.filter((event) => event.name === "concord/connection.initial-sync").map((event) => event.data);
    expect(pushes).toEqual([{ calendarId: fresh }]);
    expect(pulls.map((data) => (data as { calendarId: string }).calendarId).sort()).toEqual(
      [stale, never, gOld].sort(),
    );
    expect(syncs).toEqual([{ connectionId: bare }]);
  });
});
