/**
 * The embedded runner's per-connection bound: runs of one connection take at most
 * `maxRunsPerConnection` slots across all functions, so another connection's runs are never
 * stuck behind them.
 */
import { Inngest } from "inngest";
import { afterEach, expect, it, vi } from "vitest";
import { createEmbeddedRunner, type EmbeddedRunner } from "../../../lib/jobs/embedded/embedded-runner.ts";
import { calendarPull, outboxPush } from "../../../lib/queue/events.ts";

const client = new Inngest({ id: "embedded-runner-connections-test" });
const quietLogger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
let runner: EmbeddedRunner | undefined;
let release: () => void = () => undefined;

afterEach(async () => {
  release();
  await runner?.stop();
  runner = undefined;
});

/** Calendars h1..h6 belong to the hung connection, w1 to a working one. */
const connectionOf = async (event: { data: Record<string, unknown> }) =>
  String(event.data.calendarId).startsWith("h") ? "hung" : "working";

it("keeps a hung connection to one slot, across functions, so another connection's pull runs", async () => {
  const hang = new Promise<void>((resolve) => {
    release = resolve;
  });
  const started: string[] = [];
  let workingDone!: () => void;
  const workingRan = new Promise<void>((resolve) => {
    workingDone = resolve;
  });
  const work = async (calendarId: string) => {
    started.push(calendarId);
    if (calendarId.startsWith("h")) await hang;
    else workingDone();
  };
  const pull = client.createFunction(
    { id: "pull", triggers: [calendarPull], concurrency: { key: "event.data.calendarId", limit: 1 } },
    async ({ event, step }) => step.run("pull", () => work(event.data.calendarId)),
  );
  const push = client.createFunction(
    { id: "push", triggers: [outboxPush], concurrency: { key: "event.data.calendarId", limit: 1 } },
    async ({ event, step }) => step.run("push", () => work(event.data.calendarId)),
  );
  runner = createEmbeddedRunner({ functions: [pull, push], logger: quietLogger, maxParallelRuns: 2, connectionOf });
  await runner.start();
  for (let i = 1; i <= 6; i += 1) {
    runner.enqueue({ name: "concord/calendar.pull", data: { calendarId: `h${i}` } });
    runner.enqueue({ name: "concord/outbox.push", data: { calendarId: `h${i}` } });
  }
  runner.enqueue({ name: "concord/calendar.pull", data: { calendarId: "w1" } });
  await workingRan;
  expect(started.filter((id) => id.startsWith("h"))).toHaveLength(1);
  release();
  await runner.drain();
  expect(started).toHaveLength(13);
});

it("still runs an event whose connection cannot be told", async () => {
  const seen: string[] = [];
  const pull = client.createFunction({ id: "pull-unknown", triggers: [calendarPull] }, async ({ event }) => {
    seen.push(event.data.calendarId);
  });
  runner = createEmbeddedRunner({
    functions: [pull],
    logger: quietLogger,
    connectionOf: async () => {
      throw new Error("database unavailable");
    },
  });
  await runner.start();
  runner.enqueue({ name: "concord/calendar.pull", data: { calendarId: "x" } });
  await runner.drain();
  expect(seen).toEqual(["x"]);
});
