/**
 * Google answers cut short after their headers, with no Content-Length: the body ends where
 * the connection closes, so the transport sees a complete answer, and gaxios hands the
 * unparseable JSON back as a string. Read as an events.list page, that string has no items and
 * no nextSyncToken. The failing sequences these tests pin down:
 * - a full listing (after Google refused the sync token with 410) cut short used to look like
 *   an empty calendar: the mass-deletion guard held every event as "deleted on the server";
 * - an incremental listing cut short used to look like "nothing changed" with no sync token:
 *   the deletions in it were missed and the cursor dropped, so the next pull listed the whole
 *   calendar and its sweep reported all of the missed deletions at once.
 * Both must fail the pull instead and keep the stored cursor.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db/client.ts";
import { pullCalendar } from "../../../lib/sync/pull-calendar.ts";
import type { ProxyRequest } from "../../helpers/caldav-proxy.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";
import { startConvergenceRemote, type ConvergenceRemote } from "./convergence-remote.ts";
import { createConcordCalendar } from "./convergence-run.ts";

const isEventsList = (request: ProxyRequest) => request.method === "GET" && /\/events\?/.test(request.path);

describe("Google answers cut after their headers", () => {
  let testDb: TestDb;
  let remote: ConvergenceRemote;
  let calendarId: string;
  let googleCalendarId: string;
  let counter = 0;

  beforeAll(async () => {
    testDb = await createTestDb("pglite");
    remote = await startConvergenceRemote({ kind: "google", seed: 1, faultRate: 0 });
  });
  afterEach(() => remote.proxy.setFaults(undefined));
  afterAll(async () => {
    await remote?.stop();
    await testDb?.close();
  });

  async function freshCalendarWithEvents(count: number): Promise<string[]> {
    const control = remote.googleControl!;
    googleCalendarId = `cut-${++counter}@example.com`;
    await control.addCalendar({ id: googleCalendarId, summary: "Cut", timeZone: "Europe/Berlin" });
    const user = await db().user.create({ data: { email: `cut-${counter}-${Date.now()}@example.test` } });
    calendarId = await createConcordCalendar({ remote, userId: user.id, googleCalendarId });
    const seeded = await control.seedEvents(
      googleCalendarId,
      Array.from({ length: count }, (_, i) => ({
        summary: `Event ${i}`,
        start: { dateTime: `2026-07-0${i + 1}T09:00:00Z` },
        end: { dateTime: `2026-07-0${i + 1}T10:00:00Z` },
      })),
    );
    await pullCalendar({ calendarId, provider: remote.concord });
    return seeded.map((event) => event.id);
  }

  /** Cuts the next events.list answer matching `when`, once. */
  function cutNextList(when: (request: ProxyRequest) => boolean): void {
    let isDone = false;
    remote.proxy.setFaults((request) => {
      if (isDone || !isEventsList(request) || !when(request)) return undefined;
      isDone = true;
      return { kind: "truncate", withLength: false, gzip: false };
    });
  }

  it("a cut full listing after a refused sync token holds nothing and keeps the calendar", async () => {
    await freshCalendarWithEvents(4);
    await remote.googleControl!.invalidateSyncTokens(googleCalendarId);
    cutNextList((request) => !request.path.includes("syncToken="));

    await expect(pullCalendar({ calendarId, provider: remote.concord })).rejects.toThrow();
    const calendar = await db().calendar.findUniqueOrThrow({ where: { id: calendarId } });
    expect(calendar.syncState).toBe("ERROR");
    expect(calendar.heldDeletions).toBeNull();
    expect(await db().event.count({ where: { calendarId } })).toBe(4);

    const next = await pullCalendar({ calendarId, provider: remote.concord });
    expect(next).toMatchObject({ held: 0, deleted: 0 });
  });

  it("a cut incremental listing keeps the cursor, so its deletion arrives with the next pull", async () => {
    const ids = await freshCalendarWithEvents(4);
    const before = await db().calendar.findUniqueOrThrow({ where: { id: calendarId } });
    await remote.googleControl!.mutate({ calendarId: googleCalendarId, action: "delete", eventId: ids[0] });
    cutNextList((request) => request.path.includes("syncToken="));

    await expect(pullCalendar({ calendarId, provider: remote.concord })).rejects.toThrow();
    const after = await db().calendar.findUniqueOrThrow({ where: { id: calendarId } });
    expect(after.syncToken).toBe(before.syncToken);

    const next = await pullCalendar({ calendarId, provider: remote.concord });
    expect(next).toMatchObject({ held: 0, deleted: 1 });
    expect(await db().event.count({ where: { calendarId } })).toBe(3);
    // An incremental pull, not a full listing that swept what the cut answer lost.
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: next.runId } });
    expect(run.kind).toBe("PULL");
  });
});
