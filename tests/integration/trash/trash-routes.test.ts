/**
 * The Trash through its route handlers, on PGlite and PostgreSQL: what a delete keeps, scoping
 * by user, restore of a deletion still in the outbox, the 30-day purge (lib function and its
 * Inngest job). Remote effects are covered by undo-remote.test.ts.
 */
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as eventRoute from "../../../app/api/v1/events/[id]/route.ts";
import * as eventsRoute from "../../../app/api/v1/events/route.ts";
import * as restoreRoute from "../../../app/api/v1/trash/[id]/restore/route.ts";
import * as trashRoute from "../../../app/api/v1/trash/route.ts";
import { db } from "../../../lib/db/client.ts";
import { purgeTrashFunction } from "../../../lib/jobs/functions/purge-trash.ts";
import { purgeTrash } from "../../../lib/trash/purge-trash.ts";
import { callRoute, createUserWithToken } from "../../helpers/api.ts";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db.ts";
import { createTestCalendar } from "../events/event-fixtures.ts";

const dentist = {
  title: "Dentist",
  start: "2026-10-05T08:00:00+02:00",
  end: "2026-10-05T09:00:00+02:00",
};

describe.each(testDbKinds)("trash routes on %s", (kind) => {
  let testDb: TestDb;
  let me: { userId: string; token: string };
  let other: { userId: string; token: string };
  let calendarId: string;

  beforeAll(async () => {
    testDb = await createTestDb(kind);
    me = await createUserWithToken("me");
    other = await createUserWithToken("other");
    calendarId = await createTestCalendar({ userId: me.userId });
  });
  afterAll(async () => {
    await testDb.close();
  });

  async function createAndDelete(payload: Record<string, unknown> = dentist): Promise<string> {
    const created = await callRoute(eventsRoute.POST, {
      method: "POST",
      token: me.token,
      body: { calendarId, ...payload },
    });
    expect(created.status).toBe(201);
    const deleted = await callRoute(eventRoute.DELETE, {
      method: "DELETE",
      token: me.token,
      params: { id: created.body.id },
    });
    expect(deleted.status).toBe(204);
    return created.body.id as string;
  }

  const trashOf = async (token?: string) => callRoute(trashRoute.GET, { token });
  const restore = (id: string, token?: string) =>
    callRoute(restoreRoute.POST, { method: "POST", token, params: { id } });

  it("lists the person's deleted events, newest first, and nobody else's", async () => {
    const id = await createAndDelete();
    const mine = await trashOf(me.token);
    expect(mine.status).toBe(200);
    expect(mine.body.items[0]).toEqual({
      id,
      calendarId,
      title: "Dentist",
      start: "2026-10-05T06:00:00Z",
      end: "2026-10-05T07:00:00Z",
      allDay: false,
      deletedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    const theirs = await trashOf(other.token);
    expect(theirs.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
    expect((await trashOf()).status).toBe(401);
  });

  it("restores a deletion not yet sent as the same event, and answers 404 to another user", async () => {
    const id = await createAndDelete({ ...dentist, title: "Physio" });
    expect((await restore(id, other.token)).status).toBe(404);
    expect((await restore(id)).status).toBe(401);
    const restored = await restore(id, me.token);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id, calendarId, title: "Physio", syncState: "pending" });
    expect(restored.headers.get("etag")).toBe(restored.body.etag);
    const row = await db().event.findUniqueOrThrow({ where: { id } });
    expect(row.deletedLocally).toBe(false);
    // The DELETE is settled, the CREATE still waits: the event was never on the server.
    const entries = await db().pendingChange.findMany({ where: { eventId: id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((entry) => [entry.kind, entry.status])).toEqual([
      ["CREATE", "PENDING"],
      ["DELETE", "DONE"],
      ["UPDATE", "PENDING"],
    ]);
    expect((await trashOf(me.token)).body.items.map((item: { id: string }) => item.id)).not.toContain(id);
    expect((await restore(id, me.token)).status).toBe(404);
  });

  it("keeps all-day dates as dates, and does not trash one deleted occurrence", async () => {
    const allDay = await createAndDelete({ title: "Holiday", start: "2026-10-07", end: "2026-10-08", allDay: true });
    const item = (await trashOf(me.token)).body.items.find((entry: { id: string }) => entry.id === allDay);
    expect(item).toMatchObject({ start: "2026-10-07", end: "2026-10-08", allDay: true });

    const series = await callRoute(eventsRoute.POST, {
      method: "POST",
      token: me.token,
      body: { calendarId, ...dentist, title: "Standup", recurrence: ["RRULE:FREQ=DAILY;COUNT=3"] },
    });
    const occurrenceId = `${series.body.id}:2026-10-06T06:00:00Z`;
    const removed = await callRoute(eventRoute.DELETE, {
      method: "DELETE",
      token: me.token,
      path: "/?scope=this",
      params: { id: occurrenceId },
    });
    expect(removed.status).toBe(204);
    expect(await db().trashedEvent.count({ where: { id: series.body.id } })).toBe(0);
  });

  it("purges records older than 30 days, by the function and by the daily job", async () => {
    const old = await createAndDelete({ ...dentist, title: "Old" });
    const recent = await createAndDelete({ ...dentist, title: "Recent" });
    await db().trashedEvent.update({
      where: { id: old },
      data: { deletedAt: new Date(Date.now() - 31 * 86_400_000) },
    });
    // Past the retention it is neither listed nor restorable, even before the purge ran.
    expect((await trashOf(me.token)).body.items.map((item: { id: string }) => item.id)).not.toContain(old);
    expect((await restore(old, me.token)).status).toBe(404);

    const { result } = await new InngestTestEngine({ function: purgeTrashFunction }).execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "17 4 * * *" } }] as never,
    });
    expect(result).toEqual({ result: { removed: 1 } });
    expect(await db().trashedEvent.count({ where: { id: old } })).toBe(0);
    expect(await db().trashedEvent.count({ where: { id: recent } })).toBe(1);
    expect(await purgeTrash({ now: new Date(Date.now() + 31 * 86_400_000) })).toEqual({
      removed: expect.any(Number),
    });
    expect(await db().trashedEvent.count({ where: { id: recent } })).toBe(0);
  });
});
