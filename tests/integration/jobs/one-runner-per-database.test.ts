/**
 * Several app processes on one PostgreSQL: exactly one runs the embedded job runner (the holder
 * of an advisory lock); the others serve requests and forward the work they queue through the
 * database, and take over when the runner's connection — and so its lock — goes away.
 */
import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../../lib/db/client.ts";
import { tryAdvisoryLock } from "../../../lib/db/try-advisory-lock.ts";
import { RUNNER_LOCK_KEY, startProcessJobs } from "../../../lib/jobs/embedded/start-process-jobs.ts";
import { calendarPull } from "../../../lib/queue/events.ts";
import { sendEvent } from "../../../lib/queue/send-event.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb("postgres");
  vi.stubEnv("DATABASE_URL", testDb.url!);
  for (const name of ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_DEV", "INNGEST_BASE_URL"]) {
    vi.stubEnv(name, "");
  }
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await testDb?.close();
});

async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("one job runner per database", () => {
  it("lets only one connection hold the runner lock, and the next one have it once it is released", async () => {
    const first = await tryAdvisoryLock({ databaseUrl: testDb.url!, key: RUNNER_LOCK_KEY });
    expect(first).not.toBeNull();
    expect(await tryAdvisoryLock({ databaseUrl: testDb.url!, key: RUNNER_LOCK_KEY })).toBeNull();
    await first!.release();
    const second = await tryAdvisoryLock({ databaseUrl: testDb.url!, key: RUNNER_LOCK_KEY });
    expect(second).not.toBeNull();
    await second!.release();
  });

  it("serves requests only while another process runs the jobs, forwards its work, and takes over after it", async () => {
    const ran: string[] = [];
    const client = new Inngest({ id: "one-runner-test" });
    const recordPull = client.createFunction({ id: "record-pull", triggers: [calendarPull] }, async ({ event }) => {
      ran.push(event.data.calendarId);
    });
    const lines: string[] = [];
    // "Another process": a connection of its own holding the lock.
    const other = await tryAdvisoryLock({ databaseUrl: testDb.url!, key: RUNNER_LOCK_KEY });
    expect(other).not.toBeNull();

    const jobs = await startProcessJobs({
      retryMs: 200,
      log: (line) => lines.push(line),
      runner: { functions: [recordPull], loadBacklog: async () => [], forwardedPollMs: 100 },
    });
    try {
      expect(jobs.isRunner()).toBe(false);
      expect(lines).toContain(
        "[jobs] another process runs the background jobs for this database; this one serves requests only",
      );
      await sendEvent({ name: "concord/calendar.pull", data: { calendarId: "cal-forwarded", reason: "test" } });
      // Not run here: left in the database for the runner.
      expect(await db().forwardedJobEvent.count()).toBe(1);
      expect(ran).toEqual([]);

      // The other process dies: its connection drops and PostgreSQL frees the lock.
      await other!.release();
      await until(() => jobs.isRunner(), "this process to take the runner lock over");
      await until(() => ran.includes("cal-forwarded"), "the forwarded pull to run");
      expect(await db().forwardedJobEvent.count()).toBe(0);
      expect(lines).toContain("[jobs] this process runs the background jobs for this database");

      // While it holds the lock, nobody else can.
      expect(await tryAdvisoryLock({ databaseUrl: testDb.url!, key: RUNNER_LOCK_KEY })).toBeNull();
      await sendEvent({ name: "concord/calendar.pull", data: { calendarId: "cal-local" } });
      await until(() => ran.includes("cal-local"), "a pull queued in the runner's own process");
      expect(await db().forwardedJobEvent.count()).toBe(0);
    } finally {
      await jobs.stop();
    }
    const after = await tryAdvisoryLock({ databaseUrl: testDb.url!, key: RUNNER_LOCK_KEY });
    expect(after).not.toBeNull();
    await after!.release();
  });
});
