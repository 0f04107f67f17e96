/**
 * The write side of docs/api.md "Events" and "Conflicts" through the route handlers, on PGlite and
 * PostgreSQL: status codes, bodies, If-Match, scoping by user. No remote is involved: edits
 * answer at once with syncState "pending" and wait in the outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as conflictsRoute from "../../../app/api/v1/conflicts/route.ts";
import * as resolveRoute from "../../../app/api/v1/conflicts/[id]/resolve/route.ts";
import * as eventRoute from "../../../app/api/v1/events/[id]/route.ts";
import * as moveRoute from "../../../app/api/v1/events/[id]/move/route.ts";
import * as eventsRoute from "../../../app/api/v1/events/route.ts";
import { db } from "../../../lib/db/client.ts";
import { patchEventResource } from "../../../lib/ical/patch-event-resource.ts";
import { reconcileWithRemote } from "../../../lib/sync/merge/reconcile-with-remote.ts";
import { callRoute, createUserWithToken } from "../../helpers/api.ts";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db.ts";
import { createTestCalendar } from "../events/event-fixtures.ts";

const body = {
  title: "Dentist",
  start: "2026-10-05T08:00:00+02:00",
  end: "2026-10-05T09:00:00+02:00",
  location: "Main St 1",
};

describe.each(testDbKinds)("event and conflict write routes on %s", (kind) => {
  let testDb: TestDb;
  let me: { userId: string; token: string };
  let other: { userId: string; token: string };
  let calendarId: string;
  let secondCalendarId: string;

  beforeAll(async () => {
    testDb = await createTestDb(kind);
    me = await createUserWithToken("me");
    other = await createUserWithToken("other");
    calendarId = await createTestCalendar({ userId: me.userId });
    secondCalendarId = await createTestCalendar({ userId: me.userId });
  });
  afterAll(async () => {
    await testDb.close();
  });

  const create = (token: string, payload: unknown) =>
    callRoute(eventsRoute.POST, { method: "POST", token, body: payload });

  it("POST /events answers 201 pending with Concord's etag; 422, 409, 404 and 401 as specified", async () => {
    const created = await create(me.token, { calendarId, ...body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      calendarId,
      title: "Dentist",
      start: "2026-10-05T06:00:00Z",
      syncState: "pending",
      etag: '"v1"',
    });
    expect(await db().pendingChange.count({ where: { eventId: created.body.id, kind: "CREATE" } })).toBe(1);

    // End before start is refused; end == start is a legal zero-length timed event (RFC 5545 3.6.1).
    expect((await create(me.token, { calendarId, ...body, end: "2026-10-05T07:00:00+02:00" })).status).toBe(422);
    expect((await create(me.token, { calendarId })).status).toBe(422);
    expect((await create(other.token, { calendarId, ...body })).status).toBe(404);
    expect((await callRoute(eventsRoute.POST, { method: "POST", body: { calendarId, ...body } })).status).toBe(401);
    expect((await callRoute(eventsRoute.POST, { method: "POST", token: me.token, rawBody: "{" })).status).toBe(400);
    const readOnly = await createTestCalendar({ userId: me.userId, readOnly: true });
    const refused = await create(me.token, { calendarId: readOnly, ...body });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("calendar_read_only");
  });

  it("PATCH honours If-Match, DELETE answers 204, another user's id is 404", async () => {
    const { body: event } = await create(me.token, { calendarId, ...body });
    const patch = (headers: Record<string, string>, payload: unknown, token = me.token) =>
      callRoute(eventRoute.PATCH, { method: "PATCH", token, params: { id: event.id }, body: payload, headers });

    const ok = await patch({ "if-match": event.etag }, { title: "Dentist (moved)" });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      title: "Dentist (moved)",
      location: "Main St 1",
      syncState: "pending",
      etag: '"v2"',
    });
    expect(ok.headers.get("etag")).toBe('"v2"');
    const stale = await patch({ "if-match": event.etag }, { title: "lost update" });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe("precondition_failed");
    expect((await patch({}, { title: "x" }, other.token)).status).toBe(404);
    expect((await patch({}, { start: "yesterday" })).status).toBe(422);

    expect(
      (await callRoute(eventRoute.DELETE, { method: "DELETE", token: other.token, params: { id: event.id } })).status,
    ).toBe(404);
    expect(
      (await callRoute(eventRoute.DELETE, { method: "DELETE", token: me.token, params: { id: event.id } })).status,
    ).toBe(204);
    expect((await callRoute(eventRoute.GET, { token: me.token, params: { id: event.id } })).status).toBe(404);
  });

  it("POST /events/{id}/move answers 200 with the event in the target and warns about guests", async () => {
    const { body: event } = await create(me.token, { calendarId, ...body });
    const row = await db().event.findUniqueOrThrow({ where: { id: event.id } });
    await db().event.update({
      where: { id: event.id },
      data: { ical: row.ical.replace("END:VEVENT", "ATTENDEE;CN=Ana:mailto:ana@example.org\r\nEND:VEVENT") },
    });
    const moved = await callRoute(moveRoute.POST, {
      method: "POST",
      token: me.token,
      params: { id: event.id },
      body: { calendarId: secondCalendarId },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ calendarId: secondCalendarId, title: "Dentist", syncState: "pending" });
    expect(moved.body.warnings).toHaveLength(1);
    const changes = await db().pendingChange.findMany({
      where: { eventId: { in: [event.id, moved.body.id] } },
      orderBy: { createdAt: "asc" },
    });
    expect(changes.map((c) => [c.kind, c.calendarId])).toEqual(
      expect.arrayContaining([
        ["CREATE", secondCalendarId],
        ["MOVE", calendarId],
      ]),
    );
    const stranger = await callRoute(moveRoute.POST, {
      method: "POST",
      token: other.token,
      params: { id: moved.body.id },
      body: { calendarId },
    });
    expect(stranger.status).toBe(404);
  });

  it("GET /conflicts lists open conflicts in docs/api.md's shape; resolve answers 200 once, then 409", async () => {
    const { body: event } = await create(me.token, { calendarId, ...body });
    // As if pushed: a remote ref and base, then a local edit and a different remote edit.
    const row = await db().event.findUniqueOrThrow({ where: { id: event.id } });
    await db().event.update({
      where: { id: event.id },
      data: { remoteRef: `/cal/${event.id}.ics`, etag: '"e1"', base: row.ical, syncState: "SYNCED" },
    });
    await db().pendingChange.updateMany({ where: { eventId: event.id }, data: { status: "DONE" } });
    await callRoute(eventRoute.PATCH, {
      method: "PATCH",
      token: me.token,
      params: { id: event.id },
      body: { title: "Mine" },
    });
    const remote = {
      ref: `/cal/${event.id}.ics`,
      etag: '"e2"',
      ical: patchEventResource({ ical: row.ical, changes: { title: "Theirs" } }),
    };
    expect(await db().$transaction((tx) => reconcileWithRemote({ tx, eventId: event.id, remote }))).toBe("conflict");

    const listed = await callRoute(conflictsRoute.GET, { token: me.token, path: "/api/v1/conflicts?status=open" });
    expect(listed.status).toBe(200);
    const item = listed.body.items.find((c: { eventId: string }) => c.eventId === event.id);
    expect(item).toMatchObject({
      calendarId,
      kind: "edit_edit",
      fields: ["title"],
      base: { title: "Dentist" },
      local: { title: "Mine" },
      remote: { title: "Theirs" },
    });
    expect(typeof item.createdAt).toBe("string");
    const theirs = await callRoute(conflictsRoute.GET, { token: other.token, path: "/api/v1/conflicts?status=open" });
    expect(theirs.body.items).toEqual([]);

    const resolve = (token: string, payload: unknown) =>
      callRoute(resolveRoute.POST, { method: "POST", token, params: { id: item.id }, body: payload });
    expect((await resolve(other.token, { choice: "local" })).status).toBe(404);
    expect((await resolve(me.token, { choice: "fields", fields: {} })).status).toBe(422);
    const resolved = await resolve(me.token, { choice: "fields", fields: { title: "local" } });
    expect(resolved.status).toBe(200);
    expect(resolved.body.event).toMatchObject({ id: event.id, title: "Mine", syncState: "pending" });
    const again = await resolve(me.token, { choice: "remote" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("already_resolved");
    const pending = await db().pendingChange.findFirstOrThrow({ where: { eventId: event.id, status: "PENDING" } });
    expect(pending).toMatchObject({ kind: "UPDATE", baseEtag: '"e2"', fields: ["title"] });
  });
});
