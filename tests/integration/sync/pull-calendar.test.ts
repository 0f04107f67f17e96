import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../../lib/db/client.ts";
import { AuthRevoked } from "../../../lib/providers/errors.ts";
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

describe.each(testDbKinds)("pullCalendar on %s", (kind) => {
  let testDb: TestDb;
  let provider: FakeProvider;
  let calendarId: string;
  let connectionId: string;

  beforeEach(async () => {
    testDb = await createTestDb(kind);
    provider = createFakeProvider();
    ({ calendarId, connectionId } = await seedCalendar());
  });
  afterEach(async () => {
    await testDb.close();
  });

  const pull = () => pullCalendar({ calendarId, provider });
  const rowOf = (ref: string) =>
    db().event.findUnique({ where: { calendarId_remoteRef: { calendarId, remoteRef: ref } } });

  it("creates rows with normalised columns, base, etag and the cursor, and records a FULL_PULL run", async () => {
    const ical = eventIcal({ uid: "a@test", title: "Café ☕ meeting", extra: "LOCATION:Zürich" });
    provider.put("/cal/a.ics", ical);
    const result = await pull();
    expect(result).toMatchObject({ created: 1, updated: 0, deleted: 0, conflicts: 0, held: 0 });

    const row = await rowOf("/cal/a.ics");
    expect(row).toMatchObject({
      uid: "a@test",
      title: "Café ☕ meeting",
      location: "Zürich",
      etag: '"etag-1"',
      ical,
      base: ical,
      syncState: "SYNCED",
      version: 1,
      parseError: null,
      allDay: false,
    });
    expect(row?.startAt?.toISOString()).toBe("2026-03-01T09:00:00.000Z");
    expect(row?.endAt?.toISOString()).toBe("2026-03-01T10:00:00.000Z");

    const calendar = await db().calendar.findUniqueOrThrow({ where: { id: calendarId } });
    expect(calendar).toMatchObject({ syncState: "OK", syncToken: "0-1", syncError: null });
    expect(calendar.lastSyncedAt).toBeInstanceOf(Date);
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run).toMatchObject({ kind: "FULL_PULL", status: "OK", created: 1, requests: 1, calendarId });
    expect(run.finishedAt).toBeInstanceOf(Date);
  });

  it("applies incremental updates and deletions from the stored cursor", async () => {
    for (const name of ["a", "b", "c"]) provider.put(`/cal/${name}.ics`, eventIcal({ uid: name, title: name }));
    await pull();
    provider.put("/cal/a.ics", eventIcal({ uid: "a", title: "a, renamed" }));
    provider.remove("/cal/b.ics");
    const result = await pull();
    expect(provider.pulls.at(-1)).toEqual({ cursor: "0-3" });
    expect(result).toMatchObject({ created: 0, updated: 1, deleted: 1, held: 0 });
    expect(await rowOf("/cal/a.ics")).toMatchObject({ title: "a, renamed", version: 2, etag: '"etag-4"' });
    expect(await rowOf("/cal/b.ics")).toBeNull();
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run).toMatchObject({ kind: "PULL", status: "OK", updated: 1, deleted: 1 });
  });

  it("skips an object whose etag equals the stored one (the echo of our own push)", async () => {
    provider.put("/cal/a.ics", eventIcal({ uid: "a", title: "original" }));
    await pull();
    provider.put("/cal/a.ics", eventIcal({ uid: "a", title: "pushed by us" }));
    // What a successful push leaves behind: the new etag stored with our own payload.
    await db().event.update({
      where: { calendarId_remoteRef: { calendarId, remoteRef: "/cal/a.ics" } },
      data: { etag: '"etag-2"' },
    });
    const result = await pull();
    expect(result).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    expect(await rowOf("/cal/a.ics")).toMatchObject({ title: "original", version: 1 });
  });

  it("falls back to a full listing when the cursor is refused and sweeps what is gone", async () => {
    for (const name of ["a", "b", "c", "d", "e"])
      provider.put(`/cal/${name}.ics`, eventIcal({ uid: name, title: name }));
    await pull();
    provider.remove("/cal/c.ics");
    provider.put("/cal/f.ics", eventIcal({ uid: "f", title: "f" }));
    provider.expireTokens();
    const result = await pull();
    expect(provider.pulls.slice(-2)).toEqual([{ cursor: "0-5" }, { cursor: null }]);
    expect(result).toMatchObject({ created: 1, updated: 0, deleted: 1, held: 0 });
    expect(await rowOf("/cal/c.ics")).toBeNull();
    expect(await rowOf("/cal/a.ics")).toMatchObject({ version: 1 });
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run.kind).toBe("FULL_PULL");
    expect(await db().calendar.findUniqueOrThrow({ where: { id: calendarId } })).toMatchObject({ syncToken: "1-7" });
  });

  it("deletes nothing and keeps the cursor when the read fails", async () => {
    for (const name of ["a", "b"]) provider.put(`/cal/${name}.ics`, eventIcal({ uid: name, title: name }));
    await pull();
    provider.remove("/cal/a.ics");
    provider.failNextPull();
    await expect(pull()).rejects.toThrow("fake server is down");
    expect(await db().event.count({ where: { calendarId } })).toBe(2);
    const calendar = await db().calendar.findUniqueOrThrow({ where: { id: calendarId } });
    expect(calendar).toMatchObject({
      syncState: "ERROR",
      syncToken: "0-2",
      syncError: expect.stringContaining("fake server is down"),
    });
    const runs = await db().syncRun.findMany({ where: { calendarId }, orderBy: { startedAt: "asc" } });
    expect(runs.map((run) => run.status)).toEqual(["OK", "ERROR"]);
    expect(runs[1]?.error).toBe(
      "The server could not be reached or did not answer properly (fake server is down). The next sync tries again.",
    );
  });

  it("keeps an unparseable object with its raw text and the parse error", async () => {
    const broken = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nUID:todo-1\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";
    provider.put("/cal/broken.ics", broken);
    provider.put("/cal/fine.ics", eventIcal({ uid: "fine", title: "fine" }));
    const result = await pull();
    expect(result.created).toBe(2);
    const row = await rowOf("/cal/broken.ics");
    expect(row).toMatchObject({ ical: broken, base: broken, uid: "todo-1", title: "", startAt: null });
    expect(row?.parseError).toBeTruthy();
    expect((await rowOf("/cal/fine.ics"))?.parseError).toBeNull();
  });

  it("never overwrites or deletes a row with a pending local change: it goes to the three-way merge", async () => {
    for (const name of ["a", "b", "c", "d", "e"])
      provider.put(`/cal/${name}.ics`, eventIcal({ uid: name, title: name }));
    await pull();
    const editLocally = async (ref: string, ical: string) => {
      const row = await rowOf(ref);
      await db().event.update({ where: { id: row!.id }, data: { ical, syncState: "PENDING", version: 2 } });
      await db().pendingChange.create({
        data: {
          userId: row!.userId,
          eventId: row!.id,
          calendarId,
          kind: "UPDATE",
          fields: ["title"],
          baseEtag: row!.etag,
        },
      });
    };
    await editLocally("/cal/a.ics", eventIcal({ uid: "a", title: "local title" }));
    await editLocally("/cal/b.ics", eventIcal({ uid: "b", title: "local title" }));
    await editLocally("/cal/c.ics", eventIcal({ uid: "c", title: "c", extra: "LOCATION:Local room" }));
    provider.put("/cal/a.ics", eventIcal({ uid: "a", title: "remote title" }));
    provider.remove("/cal/b.ics");
    provider.put("/cal/c.ics", eventIcal({ uid: "c", title: "remote title" }));

    const result = await pull();
    expect(result).toMatchObject({ created: 0, deleted: 0, conflicts: 2, updated: 1 });
    expect(await rowOf("/cal/a.ics")).toMatchObject({ syncState: "CONFLICT" });
    expect((await rowOf("/cal/a.ics"))?.ical).toContain("SUMMARY:local title");
    expect(await rowOf("/cal/b.ics")).toMatchObject({ syncState: "CONFLICT" });
    const conflicts = await db().conflict.findMany({ where: { calendarId }, orderBy: { kind: "asc" } });
    expect(conflicts.map((conflict) => conflict.kind).sort()).toEqual(["EDIT_DELETE", "EDIT_EDIT"]);
    // Disjoint edits merge: the remote title and the local location, still pending for its push.
    const c = await rowOf("/cal/c.ics");
    expect(c).toMatchObject({ syncState: "PENDING", title: "remote title", location: "Local room" });
  });

  it("does not duplicate a local create whose push reached the server unanswered", async () => {
    const ical = eventIcal({ uid: "local-create@test", title: "Made here" });
    const calendar = await db().calendar.findUniqueOrThrow({ where: { id: calendarId } });
    await db().event.create({
      data: {
        userId: calendar.userId,
        calendarId,
        uid: "local-create@test",
        ical,
        title: "Made here",
        syncState: "PENDING",
      },
    });
    provider.put("/cal/local-create.ics", ical);
    provider.put("/cal/other.ics", eventIcal({ uid: "other@test", title: "Other" }));
    expect(await pull()).toMatchObject({ created: 1 });
    expect(await db().event.count({ where: { calendarId, uid: "local-create@test" } })).toBe(1);
    expect(await rowOf("/cal/other.ics")).toMatchObject({ title: "Other" });
  });

  it("marks the connection NEEDS_REAUTH on AuthRevoked and keeps every row", async () => {
    provider.put("/cal/a.ics", eventIcal({ uid: "a", title: "a" }));
    await pull();
    provider.failNextPull(new AuthRevoked("credentials refused", 401));
    await expect(pull()).rejects.toBeInstanceOf(AuthRevoked);
    const connection = await db().connection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(connection.status).toBe("NEEDS_REAUTH");
    expect(connection.lastError).toMatch(/reconnect/);
    expect(await db().event.count({ where: { calendarId } })).toBe(1);
    // While it waits for the person, pulls do not reach the provider at all.
    const pullsBefore = provider.pulls.length;
    await expect(pull()).rejects.toBeInstanceOf(AuthRevoked);
    expect(provider.pulls.length).toBe(pullsBefore);
  });

  it("finishes the run queued by the API instead of writing a second one", async () => {
    provider.put("/cal/a.ics", eventIcal({ uid: "a", title: "a" }));
    const calendar = await db().calendar.findUniqueOrThrow({ where: { id: calendarId } });
    const queued = await db().syncRun.create({
      data: { userId: calendar.userId, connectionId, calendarId, kind: "PULL" },
    });
    const result = await pullCalendar({ calendarId, provider });
    expect(result.runId).toBe(queued.id);
    const runs = await db().syncRun.findMany({ where: { calendarId } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "OK", created: 1, kind: "FULL_PULL" });
  });
});
