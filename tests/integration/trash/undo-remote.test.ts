/**
 * Undo of each kind of edit through the API, reaching the remote (Radicale and the Google
 * fake) through the outbox push: a delete restored from the Trash (before and after the delete
 * was sent, and while it was on the wire), a time change and a title edit re-applied with
 * If-Match (an unsent one leaves the server untouched; one refused after a remote edit), and a
 * move to another calendar moved back.
 */
import { describe, expect, it } from "vitest";
import * as eventRoute from "../../../app/api/v1/events/[id]/route.ts";
import * as moveRoute from "../../../app/api/v1/events/[id]/move/route.ts";
import * as eventsRoute from "../../../app/api/v1/events/route.ts";
import * as restoreRoute from "../../../app/api/v1/trash/[id]/restore/route.ts";
import { db } from "../../../lib/db/client.ts";
import { eventEtag } from "../../../lib/events/serialize-event.ts";
import { extractEventFields } from "../../../lib/ical/extract-event-fields.ts";
import type { CalendarProvider } from "../../../lib/providers/types.ts";
import { pushCalendar } from "../../../lib/sync/push-calendar.ts";
import { restoreTrashedEvent } from "../../../lib/trash/restore-trashed-event.ts";
import { callRoute, createUserWithToken } from "../../helpers/api.ts";
import { createScenario, eventRow, remoteKinds, useTwoWayServers, type Scenario } from "../two-way/two-way-harness.ts";

const servers = useTwoWayServers();

const meeting = { title: "Planning", start: "2026-05-04T09:00:00Z", end: "2026-05-04T10:00:00Z" };

async function setUp(kind: (typeof remoteKinds)[number]) {
  const me = await createUserWithToken("undo");
  const s = await createScenario({ server: servers[kind]!, userId: me.userId });
  const api = {
    create: async (payload: Record<string, unknown> = meeting, calendarId = s.calendarId) => {
      const created = await callRoute(eventsRoute.POST, {
        method: "POST",
        token: me.token,
        body: { calendarId, ...payload },
      });
      expect(created.status).toBe(201);
      return created.body as { id: string; etag: string; uid: string };
    },
    patch: (id: string, body: unknown, ifMatch: string) =>
      callRoute(eventRoute.PATCH, {
        method: "PATCH",
        token: me.token,
        params: { id },
        body,
        headers: { "if-match": ifMatch },
      }),
    remove: (id: string) => callRoute(eventRoute.DELETE, { method: "DELETE", token: me.token, params: { id } }),
    restore: (id: string) => callRoute(restoreRoute.POST, { method: "POST", token: me.token, params: { id } }),
    move: (id: string, calendarId: string, ifMatch: string) =>
      callRoute(moveRoute.POST, {
        method: "POST",
        token: me.token,
        params: { id },
        body: { calendarId },
        headers: { "if-match": ifMatch },
      }),
  };
  return { me, s, api };
}

/** The event's current API etag (a Google push stores Google's rewrite, which is a new version). */
async function etagOf(id: string): Promise<string> {
  return eventEtag(await eventRow(id));
}

async function onlyRemote(s: Scenario) {
  const objects = await s.remoteObjects();
  expect(objects).toHaveLength(1);
  return { ...objects[0]!, fields: extractEventFields(objects[0]!.ical) };
}

describe.each(remoteKinds)("undo through the API on %s", (kind) => {
  it("undo of a sent delete re-creates the event remotely with the same UID", async () => {
    const { s, api } = await setUp(kind);
    const event = await api.create();
    await s.push();
    const before = await onlyRemote(s);
    expect((await api.remove(event.id)).status).toBe(204);
    await s.push();
    expect(await s.remoteObjects()).toHaveLength(0);

    const restored = await api.restore(event.id);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ calendarId: s.calendarId, title: "Planning", uid: event.uid });
    expect(await s.push()).toMatchObject({ pushed: 1, failed: 0 });
    const after = await onlyRemote(s);
    expect(after.fields).toMatchObject({ title: "Planning", start: meeting.start, end: meeting.end });
    expect(after.ical).toContain(`UID:${event.uid}`);
    // A new resource name (CalDAV) or event id (Google refuses a deleted id again).
    expect(after.ref).not.toBe(before.ref);
    expect((await eventRow(restored.body.id)).syncState).toBe("SYNCED");
  });

  it("undo of a delete not yet sent leaves the server untouched", async () => {
    const { s, api } = await setUp(kind);
    const event = await api.create();
    await s.push();
    const before = await onlyRemote(s);
    await api.remove(event.id);
    expect((await api.restore(event.id)).body.id).toBe(event.id);
    expect(await s.push()).toMatchObject({ failed: 0 });
    const after = await onlyRemote(s);
    expect(after.ref).toBe(before.ref);
    expect(after.etag).toBe(before.etag);
    expect(await db().pendingChange.count({ where: { eventId: event.id, status: "PENDING" } })).toBe(0);
    expect((await eventRow(event.id)).syncState).toBe("SYNCED");
  });

  it("a create not yet sent that is deleted simply vanishes, and comes back from the Trash", async () => {
    const { s, api } = await setUp(kind);
    const event = await api.create();
    await api.remove(event.id);
    await s.push();
    expect(await s.remoteObjects()).toHaveLength(0);
    expect(await db().event.count({ where: { id: event.id } })).toBe(0);
    const restored = await api.restore(event.id);
    expect(restored.status).toBe(200);
    await s.push();
    expect((await onlyRemote(s)).fields.title).toBe("Planning");
  });

  it("a restore while the delete is on the wire keeps the event and re-creates it", async () => {
    const { me, s, api } = await setUp(kind);
    const event = await api.create();
    await s.push();
    await api.remove(event.id);
    // The person clicks Undo while the push's DELETE is being answered.
    const racing: CalendarProvider = Object.create(s.provider);
    racing.deleteEvent = async (args) => {
      await s.provider.deleteEvent(args);
      await restoreTrashedEvent({ userId: me.userId, id: event.id });
    };
    await pushCalendar({ calendarId: s.calendarId, provider: racing });
    expect(await s.remoteObjects()).toHaveLength(0);
    const row = await eventRow(event.id);
    expect(row).toMatchObject({ deletedLocally: false, remoteRef: null });
    await s.push();
    expect((await onlyRemote(s)).ical).toContain(`UID:${event.uid}`);
    expect((await eventRow(event.id)).syncState).toBe("SYNCED");
  });

  it("undo of a time change puts it back at the old time remotely", async () => {
    const { s, api } = await setUp(kind);
    const event = await api.create();
    await s.push();
    const moved = await api.patch(
      event.id,
      { start: "2026-05-04T13:00:00Z", end: "2026-05-04T14:30:00Z" },
      await etagOf(event.id),
    );
    expect(moved.status).toBe(200);
    await s.push();
    expect((await onlyRemote(s)).fields.start).toBe("2026-05-04T13:00:00Z");
    const undone = await api.patch(event.id, { start: meeting.start, end: meeting.end }, await etagOf(event.id));
    expect(undone.status).toBe(200);
    await s.push();
    expect((await onlyRemote(s)).fields).toMatchObject({ start: meeting.start, end: meeting.end });
  });

  it("undo of an edit not yet sent leaves the server untouched", async () => {
    const { s, api } = await setUp(kind);
    const event = await api.create();
    await s.push();
    const before = await onlyRemote(s);
    const edited = await api.patch(event.id, { title: "Planning (moved)" }, await etagOf(event.id));
    const undone = await api.patch(event.id, { title: "Planning" }, edited.body.etag);
    expect(undone.status).toBe(200);
    expect(await s.push()).toMatchObject({ failed: 0 });
    const after = await onlyRemote(s);
    expect(after.etag).toBe(before.etag);
    expect(after.fields.title).toBe("Planning");
    expect((await eventRow(event.id)).syncState).toBe("SYNCED");
  });

  it("undo is refused (412) once someone else changed the event", async () => {
    const { s, api } = await setUp(kind);
    const event = await api.create();
    await s.push();
    await api.patch(event.id, { title: "Planning (new)" }, await etagOf(event.id));
    await s.push();
    const pushed = await etagOf(event.id);
    const remote = await onlyRemote(s);
    await s.remoteEdit(remote.ref, { title: "Planning (theirs)" });
    await s.pull();
    const undone = await api.patch(event.id, { title: "Planning" }, pushed);
    expect(undone.status).toBe(412);
    expect((await onlyRemote(s)).fields.title).toBe("Planning (theirs)");
  });

  it("undo of a move to another calendar, before and after it was sent", async () => {
    const { me, s, api } = await setUp(kind);
    const target = await createScenario({ server: servers[kind]!, userId: me.userId });
    const event = await api.create();
    await s.push();
    const before = await onlyRemote(s);

    // Not sent yet: moving straight back revives the original; neither server sees a change.
    const moved = await api.move(event.id, target.calendarId, await etagOf(event.id));
    expect(moved.status).toBe(200);
    const back = await api.move(moved.body.id, s.calendarId, moved.body.etag);
    expect(back.status).toBe(200);
    expect(back.body.id).toBe(event.id);
    await target.push();
    await s.push();
    expect(await target.remoteObjects()).toHaveLength(0);
    expect((await onlyRemote(s)).etag).toBe(before.etag);

    // Sent: moving back creates it again in the source with the same UID and deletes the copy.
    const again = await api.move(event.id, target.calendarId, await etagOf(event.id));
    await target.push();
    await s.push();
    expect(await s.remoteObjects()).toHaveLength(0);
    expect((await onlyRemote(target)).ical).toContain(`UID:${event.uid}`);
    const undone = await api.move(again.body.id, s.calendarId, await etagOf(again.body.id));
    expect(undone.status).toBe(200);
    await s.push();
    await target.push();
    expect(await target.remoteObjects()).toHaveLength(0);
    expect((await onlyRemote(s)).ical).toContain(`UID:${event.uid}`);
  });
});
