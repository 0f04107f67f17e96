/**
 * Every retry of a local change is bounded and visible: a permanent refusal (a 4xx other than
 * 401, 403-as-throttling, 409 and 412) stops at once and the calendar shows the server's
 * reason; a failure that might pass is retried with a backoff that honours Retry-After, and
 * only MAX_ATTEMPTS times; then it is shown the same way. "Sync now" queues it again.
 * Radicale behind the test proxy, which answers PUTs as scripted.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { listCalendars } from "../../../lib/calendars/list-calendars.ts";
import { db } from "../../../lib/db/client.ts";
import { createEvent } from "../../../lib/events/create-event.ts";
import { MAX_ATTEMPTS } from "../../../lib/sync/push/defer-event.ts";
import { retryRefusedChanges } from "../../../lib/sync/push/retry-refused-changes.ts";
import { pushCalendar } from "../../../lib/sync/push-calendar.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";
import { startConvergenceRemote, type ConvergenceRemote } from "./convergence-remote.ts";
import { createConcordCalendar } from "./convergence-run.ts";

const INVALID_DATA =
  '<?xml version="1.0" encoding="utf-8"?><D:error xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">' +
  "<C:valid-calendar-data/></D:error>";

describe("bounded, visible retries of local changes", () => {
  let testDb: TestDb;
  let remote: ConvergenceRemote;
  let counter = 0;

  beforeAll(async () => {
    process.env.CONCORD_ENCRYPTION_KEY ??= "0".repeat(64);
    testDb = await createTestDb("pglite");
    remote = await startConvergenceRemote({ kind: "radicale", seed: 1, faultRate: 0 });
  });
  afterEach(() => remote.proxy.setRules([]));
  afterAll(async () => {
    await remote?.stop();
    await testDb?.close();
  });

  async function localCreate() {
    const user = await db().user.create({ data: { email: `retries-${++counter}-${Date.now()}@example.test` } });
    const calendarId = await createConcordCalendar({ remote, userId: user.id });
    const event = await createEvent({
      userId: user.id,
      input: { calendarId, title: "Refused", start: "2026-09-01T09:00:00Z", end: "2026-09-01T10:00:00Z" },
    });
    return { userId: user.id, calendarId, event };
  }

  const push = (calendarId: string, now: Date) => pushCalendar({ calendarId, provider: remote.concord, now });

  it("stops at a permanent 4xx and shows the server's reason on the calendar", async () => {
    const { userId, calendarId, event } = await localCreate();
    remote.proxy.setRules([{ kind: "status", status: 400, body: INVALID_DATA, match: { method: "PUT" } }]);

    expect(await push(calendarId, new Date())).toMatchObject({ pushed: 0, failed: 1 });
    const change = await db().pendingChange.findFirstOrThrow({ where: { eventId: event.id } });
    expect(change).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(change.lastError).toContain("valid-calendar-data");
    // Nothing is due any more: a later push sends nothing.
    remote.proxy.resetStats();
    await push(calendarId, new Date(Date.now() + 86_400_000));
    expect(remote.proxy.stats.methods).not.toContain("PUT");

    const view = (await listCalendars({ userId })).find((calendar) => calendar.id === calendarId);
    expect(view).toMatchObject({ syncState: "error", unsentChanges: 1 });
    expect(view?.syncError).toMatch(
      /^1 change made here could not be sent: the server refused it \(.*valid-calendar-data/,
    );

    // "Sync now" queues it again; with the server fixed it goes out.
    remote.proxy.setRules([]);
    expect(await retryRefusedChanges({ userId, calendarIds: [calendarId] })).toEqual([calendarId]);
    expect(await push(calendarId, new Date())).toMatchObject({ pushed: 1, failed: 0 });
  });

  it("honours Retry-After and gives up on a failure that keeps coming back after MAX_ATTEMPTS tries", async () => {
    const { userId, calendarId, event } = await localCreate();
    remote.proxy.setRules([{ kind: "status", status: 503, retryAfter: "7200", match: { method: "PUT" } }]);
    const start = Date.now();
    // Throttling is rethrown so the job waits as a whole; the entry keeps the server's delay.
    await expect(push(calendarId, new Date(start))).rejects.toThrow(/throttling/);
    const throttled = await db().pendingChange.findFirstOrThrow({ where: { eventId: event.id } });
    expect(throttled.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(start + 7_200_000);

    remote.proxy.setRules([{ kind: "status", status: 502, match: { method: "PUT" } }]);
    remote.proxy.resetStats();
    let now = start;
    for (let round = 0; round < MAX_ATTEMPTS + 5; round++) {
      now += 2 * 3_600_000;
      await push(calendarId, new Date(now));
    }
    const change = await db().pendingChange.findFirstOrThrow({ where: { eventId: event.id } });
    expect(change.status).toBe("FAILED");
    expect(change.attempts).toBe(MAX_ATTEMPTS);
    expect(change.lastError).toContain(`Gave up after ${MAX_ATTEMPTS} attempts`);
    expect(remote.proxy.stats.methods.filter((method) => method === "PUT")).toHaveLength(MAX_ATTEMPTS - 1);
    const view = (await listCalendars({ userId })).find((calendar) => calendar.id === calendarId);
    expect(view).toMatchObject({ syncState: "error", unsentChanges: 1 });
    expect(view?.syncError).toContain("502");
  });
});
