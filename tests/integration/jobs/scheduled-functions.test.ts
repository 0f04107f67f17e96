import { InngestTestEngine } from "@inngest/test";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { compactClientSyncFunction } from "../../../lib/jobs/functions/compact-client-sync.ts";
import { pollCaldavFunction } from "../../../lib/jobs/functions/poll-caldav.ts";
import { reconcileGoogleFunction } from "../../../lib/jobs/functions/reconcile-google.ts";
import { refreshCalendarListsFunction } from "../../../lib/jobs/functions/refresh-calendar-lists.ts";
import { renewGoogleChannelsFunction } from "../../../lib/jobs/functions/renew-google-channels.ts";
import { retryStalledOutboxFunction } from "../../../lib/jobs/functions/retry-stalled-outbox.ts";
import { useSyncOperations } from "../../../lib/jobs/sync-operations.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";
import { seedCalendar, seedConnection, seedPendingChange, seedUser } from "./seed-jobs-data.ts";

let testDb: TestDb;
let ids: Record<string, string>;

beforeAll(async () => {
  testDb = await createTestDb("pglite");
});

afterAll(async () => {
  await testDb.close();
});

// Two CalDAV-family accounts (one with three calendars, one disabled), a Google account, and
// a CalDAV account waiting for a reconnect.
beforeEach(async () => {
  await testDb.prisma.user.deleteMany();
  const userId = await seedUser(testDb);
  const icloud = await seedConnection(testDb, { userId, provider: "ICLOUD" });
  const caldav = await seedConnection(testDb, { userId, provider: "CALDAV" });
  const google = await seedConnection(testDb, { userId, provider: "GOOGLE" });
  const revoked = await seedConnection(testDb, { userId, provider: "CALDAV", status: "NEEDS_REAUTH" });
  ids = { userId };
  for (const [name, connectionId, enabled] of [
    ["icloud1", icloud, true],
    ["icloud2", icloud, true],
    ["icloud3", icloud, true],
    ["caldav1", caldav, true],
    ["caldavOff", caldav, false],
    ["google1", google, true],
    ["google2", google, true],
    ["revoked1", revoked, true],
  ] as const) {
    ids[name] = await seedCalendar(testDb, { userId, connectionId, name, enabled });
  }
});

afterEach(() => {
  useSyncOperations(undefined);
  vi.restoreAllMocks();
});

/** The calendar names of each `queue-pulls-N` sendEvent call, in order. */
function queuedRounds(sendEvent: { mock: { calls: unknown[][] } }): string[][] {
  const names = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
  return sendEvent.mock.calls.map(([, events]) =>
    (events as { data: { calendarId: string } }[]).map((event) => names.get(event.data.calendarId) ?? "?").sort(),
  );
}

const mocked = (...stepIds: string[]) => stepIds.map((id) => ({ id, handler: () => undefined }));

describe("poll-caldav", () => {
  it("queues a pull of every enabled CalDAV/iCloud calendar, one per account per round", async () => {
    const { result, ctx } = await new InngestTestEngine({ function: pollCaldavFunction }).execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "*/2 * * * *" } }] as never,
      steps: mocked("jitter", "pace-1", "pace-2", "queue-pulls-0", "queue-pulls-1", "queue-pulls-2"),
    });
    expect(queuedRounds(ctx.step.sendEvent as never)).toEqual([["caldav1", "icloud1"], ["icloud2"], ["icloud3"]]);
    expect(ctx.step.sleep).toHaveBeenCalledWith("pace-1", 3_000);
    expect(ctx.step.sleep).toHaveBeenCalledWith("pace-2", 3_000);
    const jitter = (ctx.step.sleep as unknown as { mock: { calls: [string, number][] } }).mock.calls.find(
      ([id]) => id === "jitter",
    );
    expect(jitter?.[1]).toBeGreaterThanOrEqual(1);
    expect(jitter?.[1]).toBeLessThanOrEqual(30_000);
    expect(result).toEqual({ queued: 4, rounds: 3 });
  });
});

describe("reconcile-google", () => {
  it("queues a pull of every enabled Google calendar of active connections", async () => {
    const { result, ctx } = await new InngestTestEngine({ function: reconcileGoogleFunction }).execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "*/30 * * * *" } }] as never,
      steps: mocked("pace-1", "queue-pulls-0", "queue-pulls-1"),
    });
    expect(queuedRounds(ctx.step.sendEvent as never)).toEqual([["google1"], ["google2"]]);
    const events = (ctx.step.sendEvent as unknown as { mock: { calls: [string, { data: { reason: string } }[]][] } })
      .mock.calls[0]?.[1];
    expect(events?.[0]?.data.reason).toBe("reconcile");
    expect(result).toEqual({ queued: 2, rounds: 2 });
  });
});

describe("refresh-calendar-lists", () => {
  it("queues one calendar-list refresh per active connection of every provider", async () => {
    const { result, ctx } = await new InngestTestEngine({ function: refreshCalendarListsFunction }).execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "*/2 * * * *" } }] as never,
      steps: mocked("queue-calendar-list-refreshes"),
    });
    const calls = (
      ctx.step.sendEvent as unknown as {
        mock: { calls: [string, { name: string; data: { connectionId: string } }[]][] };
      }
    ).mock.calls;
    expect(calls).toHaveLength(1);
    const active = await testDb.prisma.connection.findMany({ where: { status: "ACTIVE" }, select: { id: true } });
    expect(calls[0]?.[1].map((event) => event.data.connectionId).sort()).toEqual(active.map((row) => row.id).sort());
    expect(calls[0]?.[1].every((event) => event.name === "concord/connection.refresh-calendars")).toBe(true);
    expect(result).toEqual({ queued: 3 });
  });
});

describe("renew-google-channels", () => {
  it("asks the Google module to renew channels as of now", async () => {
    const renewWatchChannels = vi.fn(async () => ({ renewed: 2 }));
    useSyncOperations({ renewWatchChannels });
    const before = Date.now();
    const { result } = await new InngestTestEngine({ function: renewGoogleChannelsFunction }).execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "17 * * * *" } }] as never,
    });
    expect(result).toEqual({ result: { renewed: 2 } });
    const now = (renewWatchChannels.mock.calls[0] as unknown as [{ now: Date }])[0].now;
    expect(now.getTime()).toBeGreaterThanOrEqual(before);
  });
});

describe("retry-stalled-outbox", () => {
  it("queues a push per calendar with due PENDING entries of usable connections", async () => {
    const { userId } = ids as { userId: string };
    const future = new Date(Date.now() + 3_600_000);
    await seedPendingChange(testDb, { userId, calendarId: ids.icloud1 as string });
    await seedPendingChange(testDb, { userId, calendarId: ids.icloud1 as string });
    await seedPendingChange(testDb, { userId, calendarId: ids.google1 as string });
    await seedPendingChange(testDb, { userId, calendarId: ids.caldav1 as string, nextAttemptAt: future });
    await seedPendingChange(testDb, { userId, calendarId: ids.icloud2 as string, status: "DONE" });
    await seedPendingChange(testDb, { userId, calendarId: ids.revoked1 as string });
    const { result, ctx } = await new InngestTestEngine({ function: retryStalledOutboxFunction }).execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "* * * * *" } }] as never,
      steps: mocked("queue-pushes"),
    });
    const calls = (ctx.step.sendEvent as unknown as { mock: { calls: [string, { data: { calendarId: string } }[]][] } })
      .mock.calls;
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[1].map((event) => event.data.calendarId).sort()).toEqual([ids.google1, ids.icloud1].sort());
    expect(result).toEqual({ queued: 2 });
  });

  it("queues nothing when no entry is due", async () => {
    const { result, ctx } = await new InngestTestEngine({ function: retryStalledOutboxFunction }).execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "* * * * *" } }] as never,
    });
    expect(result).toEqual({ queued: 0 });
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
  });
});

describe("compact-client-sync", () => {
  it("removes deletion records past the token lifetime and keeps recent ones", async () => {
    const { userId } = ids as { userId: string };
    const old = new Date(Date.now() - 40 * 86_400_000);
    await testDb.prisma
      .$executeRaw`INSERT INTO "EventTombstone" ("id", "userId", "eventId", "calendarId", "changeSeq", "deletedAt")
      VALUES ('tomb-old', ${userId}, 'gone-old', ${ids.icloud1}, 1, ${old.toISOString()}::timestamp),
             ('tomb-new', ${userId}, 'gone-new', ${ids.icloud1}, 2, now() AT TIME ZONE 'UTC')`;
    const { result } = await new InngestTestEngine({ function: compactClientSyncFunction }).execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "43 3 * * *" } }] as never,
    });
    expect(result).toEqual({ result: { removed: 1 } });
    const left = await testDb.prisma.$queryRaw<{ id: string }[]>`SELECT "id" FROM "EventTombstone" ORDER BY "id"`;
    expect(left.map((row) => row.id)).toEqual(["tomb-new"]);
  });
});
