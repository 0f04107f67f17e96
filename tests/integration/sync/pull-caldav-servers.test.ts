/**
 * The pull end to end over real CalDAV servers (Radicale on both databases, Xandikos once): a
 * stored connection (encrypted credentials), the real CalDAV adapter, and "another client"
 * changing the calendar between pulls.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db/client.ts";
import { storeConnection } from "../../../lib/connections/store-connection.ts";
import { createCaldavProvider } from "../../../lib/providers/caldav.ts";
import { confirmDeletions } from "../../../lib/sync/confirm-deletions.ts";
import { pullCalendar } from "../../../lib/sync/pull-calendar.ts";
import { syncConnection } from "../../../lib/sync/sync-connection.ts";
import {
  type CaldavServerKind,
  eventFixtureNames,
  readEventFixture,
  simpleEvent,
  startCaldavTarget,
  type CaldavTarget,
} from "../../helpers/caldav-servers.ts";
import { createTestDb, testDbKinds, type TestDb, type TestDbKind } from "../../helpers/test-db.ts";

const savedKey = process.env.CONCORD_ENCRYPTION_KEY;
beforeAll(() => {
  process.env.CONCORD_ENCRYPTION_KEY = randomBytes(32).toString("hex");
});
afterAll(() => {
  process.env.CONCORD_ENCRYPTION_KEY = savedKey;
});

const cases: [CaldavServerKind, TestDbKind][] = [
  ...testDbKinds.map((kind): [CaldavServerKind, TestDbKind] => ["radicale", kind]),
  ["xandikos", "postgres"],
];

describe.each(cases)("pull from %s on %s", (server, kind) => {
  let testDb: TestDb;
  let target: CaldavTarget;
  let userId: string;
  let connectionId: string;
  let calendarId: string;
  let workPath: string;

  beforeAll(async () => {
    testDb = await createTestDb(kind);
    target = await startCaldavTarget(server);
    workPath = new URL(target.calendarUrl).pathname;
    for (const name of eventFixtureNames) {
      await target.putAsOtherClient({ name, ical: await readEventFixture(name) });
    }
    const user = await db().user.create({ data: { email: `${server}-${kind}-${Date.now()}@example.test` } });
    userId = user.id;
    const provider = createCaldavProvider({
      serverUrl: target.serverUrl,
      username: target.username,
      password: target.password,
    });
    const stored = await storeConnection({
      userId,
      provider: "CALDAV",
      serverUrl: target.serverUrl,
      accountName: target.username,
      credentials: { kind: "password", username: target.username, password: target.password },
      calendars: await provider.listCalendars(),
    });
    connectionId = stored.connection.id;
    calendarId = stored.calendars.find((calendar) => calendar.remoteName === "Work")!.id;
  });
  afterAll(async () => {
    await target?.stop();
    await testDb?.close();
  });

  const rowByUid = (uid: string) => db().event.findFirst({ where: { calendarId, uid } });

  it("pulls timed, all-day, floating, zoned, recurring and non-ASCII events in the initial sync", async () => {
    const outcomes = await syncConnection({ connectionId });
    // Xandikos' --defaults adds an empty calendar of its own next to Work.
    expect(outcomes.every((outcome) => outcome.error === undefined)).toBe(true);
    expect(outcomes.find((outcome) => outcome.calendarId === calendarId)?.result).toMatchObject({
      created: eventFixtureNames.length,
      deleted: 0,
      held: 0,
    });

    const rows = await db().event.findMany({ where: { calendarId }, orderBy: { remoteRef: "asc" } });
    expect(rows.map((row) => row.remoteRef)).toEqual(eventFixtureNames.map((name) => `${workPath}${name}`).sort());
    for (const row of rows) {
      expect(row.parseError).toBeNull();
      expect(row.etag).toMatch(/^(W\/)?"/);
      expect(row.base).toBe(row.ical);
    }
    expect(await rowByUid("non-ascii-äöü@concord.test")).toMatchObject({ title: "Café mit Jürgen — 会議 🎉" });
    const allDay = await rowByUid("all-day@concord.test");
    expect(allDay).toMatchObject({ allDay: true, title: "Offsite (two days)" });
    expect(allDay?.startAt?.toISOString()).toBe("2026-03-10T00:00:00.000Z");
    const recurring = await rowByUid("recurring@concord.test");
    expect(recurring).toMatchObject({ isRecurring: true, title: "Weekly review", timeZone: "America/New_York" });
    expect(recurring?.startAt?.toISOString()).toBe("2026-03-02T15:00:00.000Z");
    expect(recurring?.seriesEnd).toBeInstanceOf(Date);

    const calendar = await db().calendar.findUniqueOrThrow({ where: { id: calendarId } });
    expect(calendar.syncToken).toBeTruthy();
    expect(calendar.syncState).toBe("OK");
  });

  it("pulls another client's edit, addition and deletion incrementally, and nothing when nothing changed", async () => {
    const edited = (await readEventFixture("timed-utc.ics")).replace(/SUMMARY:[^\r\n]*/, "SUMMARY:Edited elsewhere");
    await target.putAsOtherClient({ name: "timed-utc.ics", ical: edited });
    await target.putAsOtherClient({ name: "new.ics", ical: simpleEvent({ uid: "new@concord.test", summary: "New" }) });
    await target.deleteAsOtherClient({ name: "floating.ics" });

    const result = await pullCalendar({ calendarId });
    expect(result).toMatchObject({ created: 1, updated: 1, deleted: 1, held: 0 });
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run.kind).toBe("PULL");
    const timed = await db().event.findUniqueOrThrow({
      where: { calendarId_remoteRef: { calendarId, remoteRef: `${workPath}timed-utc.ics` } },
    });
    expect(timed).toMatchObject({ title: "Edited elsewhere", version: 2 });
    expect(await rowByUid("new@concord.test")).toMatchObject({ title: "New" });
    expect(await db().event.count({ where: { calendarId, remoteRef: `${workPath}floating.ics` } })).toBe(0);

    expect(await pullCalendar({ calendarId })).toMatchObject({ created: 0, updated: 0, deleted: 0 });
  });

  it("recovers from a refused sync token with a full listing that changes nothing", async () => {
    await db().calendar.update({
      where: { id: calendarId },
      data: { syncToken: `${new URL(target.serverUrl).origin}/ns/sync/bogus-token` },
    });
    const result = await pullCalendar({ calendarId });
    expect(result).toMatchObject({ created: 0, updated: 0, deleted: 0, held: 0 });
    expect((await db().syncRun.findUniqueOrThrow({ where: { id: result.runId } })).kind).toBe("FULL_PULL");
    expect(await db().event.count({ where: { calendarId } })).toBe(eventFixtureNames.length);
  });

  it("holds a mass deletion made by another client until it is confirmed", async () => {
    const before = await db().event.count({ where: { calendarId } });
    for (const name of ["timed-utc.ics", "all-day.ics", "zoned.ics", "non-ascii.ics"]) {
      await target.deleteAsOtherClient({ name });
    }
    const result = await pullCalendar({ calendarId });
    expect(result).toMatchObject({ deleted: 0, held: 4 });
    expect(await db().event.count({ where: { calendarId } })).toBe(before);
    expect((await db().calendar.findUniqueOrThrow({ where: { id: calendarId } })).syncState).toBe("HELD");

    expect(await confirmDeletions({ userId, calendarId })).toMatchObject({ deleted: 4 });
    expect(await db().event.count({ where: { calendarId } })).toBe(before - 4);
    expect(await pullCalendar({ calendarId })).toMatchObject({ created: 0, deleted: 0, held: 0 });
  });
});
