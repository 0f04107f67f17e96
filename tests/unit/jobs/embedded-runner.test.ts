import { Inngest, NonRetriableError, RetryAfterError } from "inngest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createEmbeddedRunner, type EmbeddedRunner } from "../../../lib/jobs/embedded/embedded-runner.ts";
import { calendarPull, outboxPush } from "../../../lib/queue/events.ts";

const client = new Inngest({ id: "embedded-runner-test" });
const quietLogger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
let runner: EmbeddedRunner | undefined;

function startRunner(functions: Parameters<typeof createEmbeddedRunner>[0]["functions"], maxParallelRuns = 4) {
  runner = createEmbeddedRunner({ functions, logger: quietLogger, retryDelayMs: () => 1, maxParallelRuns });
  return runner;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

afterEach(async () => {
  await runner?.stop();
  runner = undefined;
  vi.useRealTimers();
  vi.clearAllMocks();
});

describe("embedded runner", () => {
  it("runs one pull at a time per calendar under a burst, calendars in parallel", async () => {
    const active = new Map<string, number>();
    const maxActive = new Map<string, number>();
    let overall = 0;
    let maxOverall = 0;
    let runs = 0;
    const fn = client.createFunction(
      { id: "burst", triggers: [calendarPull], concurrency: { key: "event.data.calendarId", limit: 1 } },
      async ({ event, step }) => {
        await step.run("work", async () => {
          const id = event.data.calendarId;
          active.set(id, (active.get(id) ?? 0) + 1);
          maxActive.set(id, Math.max(maxActive.get(id) ?? 0, active.get(id) ?? 0));
          overall += 1;
          maxOverall = Math.max(maxOverall, overall);
          await tick();
          active.set(id, (active.get(id) ?? 0) - 1);
          overall -= 1;
          runs += 1;
        });
      },
    );
    const r = startRunner([fn]);
    await r.start();
    for (let i = 0; i < 8; i += 1) {
      for (const calendarId of ["a", "b", "c"]) r.enqueue({ name: "concord/calendar.pull", data: { calendarId } });
    }
    await r.drain();
    expect(runs).toBe(24);
    expect([...maxActive.values()]).toEqual([1, 1, 1]);
    expect(maxOverall).toBe(3);
  });

  it("debounces a burst per calendar into one run of the last event", async () => {
    const seen: string[] = [];
    const fn = client.createFunction(
      { id: "debounced", triggers: [calendarPull], debounce: { key: "event.data.calendarId", period: "1s" } },
      async ({ event }) => {
        seen.push(`${event.data.calendarId}:${event.data.reason}`);
      },
    );
    const r = startRunner([fn]);
    await r.start();
    for (let i = 1; i <= 5; i += 1) {
      r.enqueue({ name: "concord/calendar.pull", data: { calendarId: "a", reason: `n${i}` } });
    }
    r.enqueue({ name: "concord/calendar.pull", data: { calendarId: "b", reason: "only" } });
    await r.drain();
    expect(seen.sort()).toEqual(["a:n5", "b:only"]);
  });

  it("retries after the delay a RetryAfterError asks for, keeping finished steps", async () => {
    const calls = { first: 0, second: 0 };
    const fn = client.createFunction({ id: "retry-after", triggers: [outboxPush], retries: 3 }, async ({ step }) => {
      await step.run("first", () => {
        calls.first += 1;
      });
      await step.run("second", () => {
        calls.second += 1;
        if (calls.second === 1) throw new RetryAfterError("throttled", 1000);
      });
    });
    const r = startRunner([fn]);
    await r.start();
    r.enqueue({ name: "concord/outbox.push", data: { calendarId: "a" } });
    await r.drain();
    expect(calls).toEqual({ first: 1, second: 2 });
    expect(quietLogger.warn).toHaveBeenCalledWith(expect.stringContaining("will retry in 1000 ms"));
  });

  it("never retries a NonRetriableError and stops ordinary errors after the retry budget", async () => {
    let revoked = 0;
    let flaky = 0;
    const revokedFn = client.createFunction({ id: "revoked", triggers: [outboxPush], retries: 5 }, async () => {
      revoked += 1;
      throw new NonRetriableError("credentials refused");
    });
    const flakyFn = client.createFunction({ id: "flaky", triggers: [outboxPush], retries: 2 }, async () => {
      flaky += 1;
      throw new Error("remote down");
    });
    const r = startRunner([revokedFn, flakyFn]);
    await r.start();
    r.enqueue({ name: "concord/outbox.push", data: { calendarId: "a" } });
    await r.drain();
    expect(revoked).toBe(1);
    expect(flaky).toBe(3);
    expect(quietLogger.error).toHaveBeenCalledTimes(2);
  });

  it("re-enqueues step.sendEvent events, once per run even across retries", async () => {
    const pulled: string[] = [];
    let attempts = 0;
    const sender = client.createFunction({ id: "sender", triggers: [outboxPush], retries: 1 }, async ({ step }) => {
      await step.sendEvent("queue-pull", { name: "concord/calendar.pull", data: { calendarId: "x" } });
      attempts += 1;
      if (attempts === 1) throw new Error("fail after sending");
    });
    const receiver = client.createFunction({ id: "receiver", triggers: [calendarPull] }, async ({ event }) => {
      pulled.push(event.data.calendarId);
    });
    const r = startRunner([sender, receiver]);
    await r.start();
    r.enqueue({ name: "concord/outbox.push", data: { calendarId: "a" } });
    await r.drain();
    expect(attempts).toBe(2);
    expect(pulled).toEqual(["x"]);
  });

  it("fires cron schedules on timers", async () => {
    vi.useFakeTimers({ now: new Date(2026, 0, 1, 10, 0, 30) });
    const fired: string[] = [];
    const fn = client.createFunction({ id: "every-two", triggers: [{ cron: "*/2 * * * *" }] }, async ({ event }) => {
      fired.push(`${new Date().getMinutes()}:${(event.data as { cron: string }).cron}`);
    });
    const r = startRunner([fn]);
    await r.start();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(fired).toEqual(["2:*/2 * * * *", "4:*/2 * * * *"]);
  });

  it("abandons a sleeping run on stop and accepts no more work", async () => {
    let woke = false;
    const fn = client.createFunction({ id: "sleeper", triggers: [outboxPush] }, async ({ step }) => {
      await step.sleep("nap", "1h");
      woke = true;
    });
    const r = startRunner([fn]);
    await r.start();
    r.enqueue({ name: "concord/outbox.push", data: { calendarId: "a" } });
    await tick();
    await r.stop();
    r.enqueue({ name: "concord/outbox.push", data: { calendarId: "b" } });
    await r.drain();
    expect(woke).toBe(false);
  });
});
