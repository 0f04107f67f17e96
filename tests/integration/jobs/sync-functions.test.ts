import { InngestTestEngine } from "@inngest/test";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { handleGoogleNotificationFunction } from "../../../lib/jobs/functions/handle-google-notification.ts";
import { initialSyncFunction } from "../../../lib/jobs/functions/initial-sync.ts";
import { pullCalendarFunction } from "../../../lib/jobs/functions/pull-calendar.ts";
import { pushOutboxFunction } from "../../../lib/jobs/functions/push-outbox.ts";
import { useSyncOperations } from "../../../lib/jobs/sync-operations.ts";
import { AuthRevoked, RateLimited } from "../../../lib/providers/errors.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";
import { seedCalendar, seedConnection, seedUser } from "./seed-jobs-data.ts";

let testDb: TestDb;
let userId: string;
let connectionId: string;
let calendarId: string;

// One database for the file (a fresh PGlite takes seconds); each test starts from no users.
beforeAll(async () => {
  testDb = await createTestDb("pglite");
});

afterAll(async () => {
  await testDb.close();
});

beforeEach(async () => {
  await testDb.prisma.user.deleteMany();
  userId = await seedUser(testDb);
  connectionId = await seedConnection(testDb, { userId, provider: "ICLOUD" });
  calendarId = await seedCalendar(testDb, { userId, connectionId, name: "home" });
  // The SDK logs every step error to the console; the assertions below read the results.
  vi.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(async () => {
  useSyncOperations(undefined);
  vi.restoreAllMocks();
});

const pullEvent = () => [{ name: "concord/calendar.pull", data: { calendarId } }];
const pushEvent = () => [{ name: "concord/outbox.push", data: { calendarId } }];

async function connectionStatus(): Promise<string | undefined> {
  return (await testDb.prisma.connection.findUnique({ where: { id: connectionId } }))?.status;
}

/**
 * Runs the function until step `stepId` ran and returns Inngest's view of the outcome: the
 * op (StepError = will retry, StepFailed = final) and `retriable`, which the SDK sends as the
 * Retry-After header (seconds) or false for "never retry". `executeAndWaitFor` is protected.
 */
class StepProbe extends InngestTestEngine {
  async runUntilStep(events: unknown[], stepId: string) {
    const output = (await this.executeAndWaitFor("step-ran", {
      events: events as never,
      subset: { step: { id: stepId } } as never,
    })) as unknown as { result: { retriable?: boolean | string; step: { op: string; error?: { name: string } } } };
    return { op: output.result.step.op, error: output.result.step.error?.name, retriable: output.result.retriable };
  }
}

describe("pull-calendar", () => {
  it("pulls the calendar named by the event", async () => {
    const pullCalendar = vi.fn(async () => ({ created: 2 }));
    useSyncOperations({ pullCalendar });
    const { result } = await new InngestTestEngine({ function: pullCalendarFunction }).execute({
      events: pullEvent() as never,
    });
    expect(pullCalendar).toHaveBeenCalledWith({ calendarId });
    expect(result).toEqual({ skipped: false, result: { created: 2 } });
  });

  it("skips disabled calendars and connections waiting for a reconnect", async () => {
    const pullCalendar = vi.fn(async () => ({}));
    useSyncOperations({ pullCalendar });
    await testDb.prisma.calendar.update({ where: { id: calendarId }, data: { enabled: false } });
    const first = await new InngestTestEngine({ function: pullCalendarFunction }).execute({
      events: pullEvent() as never,
    });
    await testDb.prisma.calendar.update({ where: { id: calendarId }, data: { enabled: true } });
    await testDb.prisma.connection.update({ where: { id: connectionId }, data: { status: "NEEDS_REAUTH" } });
    const second = await new InngestTestEngine({ function: pullCalendarFunction }).execute({
      events: pullEvent() as never,
    });
    expect([first.result, second.result]).toEqual([{ skipped: true }, { skipped: true }]);
    expect(pullCalendar).not.toHaveBeenCalled();
  });

  it("retries a throttled pull after the remote's Retry-After", async () => {
    useSyncOperations({
      pullCalendar: async () => {
        throw new RateLimited("503 from the server", 7_000, 503);
      },
    });
    const probe = new StepProbe({ function: pullCalendarFunction });
    expect(await probe.runUntilStep(pullEvent(), "pull-calendar")).toEqual({
      op: "StepError",
      error: "RetryAfterError",
      retriable: "7",
    });
    expect(await connectionStatus()).toBe("ACTIVE");
  });

  it("stops for good and marks the connection when access is revoked", async () => {
    useSyncOperations({
      pullCalendar: async () => {
        throw new AuthRevoked("invalid_grant", 400);
      },
    });
    const probe = new StepProbe({ function: pullCalendarFunction });
    expect(await probe.runUntilStep(pullEvent(), "pull-calendar")).toEqual({
      op: "StepFailed",
      error: "NonRetriableError",
      retriable: false,
    });
    expect(await connectionStatus()).toBe("NEEDS_REAUTH");
  });
});

describe("push-outbox", () => {
  it("drains the outbox and reports the totals", async () => {
    const pushCalendar = vi.fn(async () => ({ pushed: 3, conflicts: 1, failed: 0 }));
    useSyncOperations({ pushCalendar });
    const { result } = await new InngestTestEngine({ function: pushOutboxFunction }).execute({
      events: pushEvent() as never,
    });
    expect(pushCalendar).toHaveBeenCalledTimes(1);
    expect(result).toEqual({ skipped: false, pushed: 3, conflicts: 1, failed: 0 });
  });

  it("sleeps as long as a partly throttled push asks, then pushes the rest", async () => {
    const results = [
      { pushed: 1, conflicts: 0, failed: 0, retryAfterMs: 4_000 },
      { pushed: 2, conflicts: 0, failed: 0 },
    ];
    useSyncOperations({ pushCalendar: async () => results.shift() as (typeof results)[number] });
    const { result, ctx } = await new InngestTestEngine({ function: pushOutboxFunction }).execute({
      events: pushEvent() as never,
      steps: [{ id: "wait-for-rate-limit-0", handler: () => undefined }],
    });
    expect(ctx.step.sleep).toHaveBeenCalledWith("wait-for-rate-limit-0", 4_000);
    expect(result).toEqual({ skipped: false, pushed: 3, conflicts: 0, failed: 0 });
  });

  it("maps a thrown RateLimited to RetryAfterError and AuthRevoked to NonRetriableError", async () => {
    useSyncOperations({
      pushCalendar: async () => {
        throw new RateLimited("429", 2_500, 429);
      },
    });
    expect(await new StepProbe({ function: pushOutboxFunction }).runUntilStep(pushEvent(), "push-calendar-0")).toEqual({
      op: "StepError",
      error: "RetryAfterError",
      retriable: "3",
    });
    useSyncOperations({
      pushCalendar: async () => {
        throw new AuthRevoked("401", 401);
      },
    });
    expect(await new StepProbe({ function: pushOutboxFunction }).runUntilStep(pushEvent(), "push-calendar-0")).toEqual({
      op: "StepFailed",
      error: "NonRetriableError",
      retriable: false,
    });
    expect(await connectionStatus()).toBe("NEEDS_REAUTH");
  });

  it("leaves the outbox of a connection waiting for a reconnect alone", async () => {
    const pushCalendar = vi.fn(async () => ({ pushed: 0, conflicts: 0, failed: 0 }));
    useSyncOperations({ pushCalendar });
    await testDb.prisma.connection.update({ where: { id: connectionId }, data: { status: "NEEDS_REAUTH" } });
    const { result } = await new InngestTestEngine({ function: pushOutboxFunction }).execute({
      events: pushEvent() as never,
    });
    expect(result).toMatchObject({ skipped: true });
    expect(pushCalendar).not.toHaveBeenCalled();
  });
});

describe("initial-sync", () => {
  it("syncs an active connection and skips one waiting for a reconnect", async () => {
    const syncConnection = vi.fn(async () => ({ calendars: 1 }));
    useSyncOperations({ syncConnection });
    const events = [{ name: "concord/connection.initial-sync", data: { connectionId } }] as never;
    const first = await new InngestTestEngine({ function: initialSyncFunction }).execute({ events });
    await testDb.prisma.connection.update({ where: { id: connectionId }, data: { status: "NEEDS_REAUTH" } });
    const second = await new InngestTestEngine({ function: initialSyncFunction }).execute({ events });
    expect(first.result).toEqual({ skipped: false, result: { calendars: 1 } });
    expect(second.result).toEqual({ skipped: true });
    expect(syncConnection).toHaveBeenCalledExactlyOnceWith({ connectionId });
  });
});

describe("handle-google-notification", () => {
  it.each([
    ["exists", true],
    ["not_exists", true],
    ["sync", false],
  ])("resource state %s queues a pull: %s", async (resourceState, isQueued) => {
    const { result, ctx } = await new InngestTestEngine({ function: handleGoogleNotificationFunction }).execute({
      events: [
        { name: "concord/google.notification", data: { calendarId, channelId: "channel-1", resourceState } },
      ] as never,
      steps: [{ id: "queue-pull", handler: () => ({ ids: ["x"] }) }],
    });
    expect(result).toEqual({ queued: isQueued });
    if (isQueued) {
      expect(ctx.step.sendEvent).toHaveBeenCalledWith("queue-pull", {
        name: "concord/calendar.pull",
        data: { calendarId, reason: "google-notification" },
      });
    } else {
      expect(ctx.step.sendEvent).not.toHaveBeenCalled();
    }
  });
});
