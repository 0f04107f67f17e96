/**
 * GET/PATCH /api/v1/calendars, the sync endpoints and confirm-deletions through the route
 * handlers, against a real Radicale.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as calendarsRoute from "../../../app/api/v1/calendars/route.ts";
import * as calendarRoute from "../../../app/api/v1/calendars/[id]/route.ts";
import * as confirmRoute from "../../../app/api/v1/calendars/[id]/confirm-deletions/route.ts";
import * as calendarSyncRoute from "../../../app/api/v1/calendars/[id]/sync/route.ts";
import * as connectionsRoute from "../../../app/api/v1/connections/route.ts";
import * as syncRoute from "../../../app/api/v1/sync/route.ts";
import { db } from "../../../lib/db/client.ts";
import { setEmbeddedInbox } from "../../../lib/queue/embedded-inbox.ts";
import type { ConcordEvent } from "../../../lib/queue/events.ts";
import { callRoute, createUserWithToken } from "../../helpers/api.ts";
import { simpleEvent, startCaldavTarget, type CaldavTarget } from "../../helpers/caldav-servers.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";

interface CalendarItem {
  id: string;
  name: string;
  color: string | null;
  enabled: boolean;
  syncState: string;
}

describe("calendars API on Radicale", () => {
  let testDb: TestDb;
  let target: CaldavTarget;
  let owner: { token: string; userId: string };
  let other: { token: string; userId: string };
  let work: CalendarItem;
  let home: CalendarItem;
  const queued: ConcordEvent[] = [];
  const savedKey = process.env.CONCORD_ENCRYPTION_KEY;

  beforeAll(async () => {
    process.env.CONCORD_ENCRYPTION_KEY = randomBytes(32).toString("hex");
    testDb = await createTestDb("postgres");
    target = await startCaldavTarget("radicale");
    await target.addCalendar({ name: "home", displayName: "Home", color: "#AA0000" });
    await target.putAsOtherClient({ name: "a.ics", ical: simpleEvent({ uid: "a", summary: "Planning" }) });
    await target.putAsOtherClient({ name: "b.ics", ical: simpleEvent({ uid: "b", summary: "Review" }) });
    setEmbeddedInbox({ enqueue: (event) => queued.push(event) });
    owner = await createUserWithToken("calendars");
    other = await createUserWithToken("intruder");
    const created = await callRoute(connectionsRoute.POST, {
      method: "POST",
      token: owner.token,
      body: { provider: "caldav", serverUrl: target.serverUrl, username: target.username, password: target.password },
    });
    expect(created.status).toBe(201);
    const calendars = created.body.calendars as CalendarItem[];
    work = calendars.find((c) => c.name === "Work")!;
    home = calendars.find((c) => c.name === "Home")!;
  });
  afterAll(async () => {
    setEmbeddedInbox(undefined);
    await target?.stop();
    await testDb?.close();
    process.env.CONCORD_ENCRYPTION_KEY = savedKey;
  });

  const list = async (token: string) => (await callRoute(calendarsRoute.GET, { token })).body.items as CalendarItem[];
  const patch = (token: string, id: string, body: unknown) =>
    callRoute(calendarRoute.PATCH, { method: "PATCH", token, params: { id }, body });

  it("lists the caller's calendars in the docs/api.md shape", async () => {
    const items = await list(owner.token);
    expect(items).toHaveLength(2);
    expect(items.find((c) => c.id === home.id)).toMatchObject({
      connectionId: expect.any(String),
      provider: "caldav",
      name: "Home",
      color: "#AA0000",
      readOnly: false,
      enabled: true,
      lastSyncedAt: null,
      syncState: "ok",
      syncError: null,
    });
    expect(await list(other.token)).toEqual([]);
  });

  it("patches name, colour and enabled locally, and null restores the remote name", async () => {
    const renamed = await patch(owner.token, home.id, { name: "Family", color: "#00ff00", enabled: false });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: home.id, name: "Family", color: "#00FF00", enabled: false });
    const stored = await db().calendar.findUniqueOrThrow({ where: { id: home.id } });
    expect(stored).toMatchObject({ remoteName: "Home", remoteColor: "#AA0000", name: "Family" });

    const restored = await patch(owner.token, home.id, { name: null, color: null });
    expect(restored.body).toMatchObject({ name: "Home", color: "#AA0000", enabled: false });
  });

  it.each([
    { name: "a colour that is not #RRGGBB", body: { color: "red" } },
    { name: "an unknown field", body: { remoteName: "x" } },
    { name: "a non-boolean enabled", body: { enabled: "yes" } },
  ])("answers 422 for $name", async ({ body }) => {
    const response = await patch(owner.token, home.id, body);
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("validation_failed");
  });

  it("answers 404 for another user's calendar on every calendar route", async () => {
    const params = { id: work.id };
    expect((await patch(other.token, work.id, { name: "mine" })).status).toBe(404);
    expect((await callRoute(calendarSyncRoute.POST, { method: "POST", token: other.token, params })).status).toBe(404);
    expect((await callRoute(confirmRoute.POST, { method: "POST", token: other.token, params })).status).toBe(404);
    expect((await db().calendar.findUniqueOrThrow({ where: { id: work.id } })).name).toBeNull();
  });

  it("queues a pull without wait: 202 with a RUNNING SyncRun", async () => {
    queued.length = 0;
    const response = await callRoute(calendarSyncRoute.POST, {
      method: "POST",
      path: `/api/v1/calendars/${work.id}/sync`,
      token: owner.token,
      params: { id: work.id },
    });
    expect(response.status).toBe(202);
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: response.body.runId } });
    expect(run).toMatchObject({ calendarId: work.id, status: "RUNNING", userId: owner.userId });
    expect(queued).toEqual([{ name: "concord/calendar.pull", data: { calendarId: work.id, reason: "api" } }]);
  });

  it("finishes a queued run at once, with the reason, for a calendar that is turned off", async () => {
    queued.length = 0;
    const response = await callRoute(calendarSyncRoute.POST, {
      method: "POST",
      path: `/api/v1/calendars/${home.id}/sync`,
      token: owner.token,
      params: { id: home.id },
    });
    expect(response.status).toBe(202);
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: response.body.runId } });
    expect(run).toMatchObject({ status: "ERROR", error: expect.stringMatching(/turned off/) });
    expect(queued).toEqual([]);
  });

  it("pulls a calendar with ?wait=true and finishes the queued run too", async () => {
    const response = await callRoute(calendarSyncRoute.POST, {
      method: "POST",
      path: `/api/v1/calendars/${work.id}/sync?wait=true`,
      token: owner.token,
      params: { id: work.id },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      runId: expect.any(String),
      created: 2,
      updated: 0,
      deleted: 0,
      conflicts: 0,
    });
    const titles = await db().event.findMany({ where: { calendarId: work.id }, select: { title: true } });
    expect(titles.map((t) => t.title).sort()).toEqual(["Planning", "Review"]);
    expect(await db().syncRun.count({ where: { calendarId: work.id, status: "RUNNING" } })).toBe(0);
    const [calendar] = (await list(owner.token)).filter((c) => c.id === work.id);
    expect(calendar).toMatchObject({ syncState: "ok", lastSyncedAt: expect.any(String) });
  });

  it("syncs every enabled calendar with POST /api/v1/sync?wait=true", async () => {
    await target.putAsOtherClient({ name: "c.ics", ical: simpleEvent({ uid: "c", summary: "Retro" }) });
    const response = await callRoute(syncRoute.POST, {
      method: "POST",
      path: "/api/v1/sync?wait=true",
      token: owner.token,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ created: 1, updated: 0, deleted: 0, conflicts: 0 });
    // Home was disabled above: only Work is pulled.
    expect(response.body.calendars.map((c: { calendarId: string }) => c.calendarId)).toEqual([work.id]);
    expect(
      (await callRoute(syncRoute.POST, { method: "POST", token: other.token, path: "/api/v1/sync?wait=true" })).body,
    ).toMatchObject({ created: 0, calendars: [] });
  });

  it("answers 502 with a reconnect hint when the account needs to be reconnected", async () => {
    const calendar = await db().calendar.findUniqueOrThrow({ where: { id: work.id } });
    await db().connection.update({ where: { id: calendar.connectionId }, data: { status: "NEEDS_REAUTH" } });
    const response = await callRoute(calendarSyncRoute.POST, {
      method: "POST",
      path: `/api/v1/calendars/${work.id}/sync?wait=true`,
      token: owner.token,
      params: { id: work.id },
    });
    await db().connection.update({ where: { id: calendar.connectionId }, data: { status: "ACTIVE" } });
    expect(response.status).toBe(502);
    expect(response.body.error).toMatchObject({ code: "provider_failed", message: expect.stringMatching(/reconnect/) });
  });

  it("holds a mass deletion, shows it as held, and applies it on confirm-deletions", async () => {
    for (const name of ["a.ics", "b.ics", "c.ics"]) await target.deleteAsOtherClient({ name });
    const response = await callRoute(calendarSyncRoute.POST, {
      method: "POST",
      path: `/api/v1/calendars/${work.id}/sync?wait=true`,
      token: owner.token,
      params: { id: work.id },
    });
    expect(response.body).toMatchObject({ deleted: 0, held: 3 });
    expect(await db().event.count({ where: { calendarId: work.id } })).toBe(3);
    const [held] = (await list(owner.token)).filter((c) => c.id === work.id);
    expect(held).toMatchObject({ syncState: "held", heldDeletions: 3 });

    const params = { id: work.id };
    const confirmed = await callRoute(confirmRoute.POST, { method: "POST", token: owner.token, params });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ deleted: 3 });
    expect(await db().event.count({ where: { calendarId: work.id } })).toBe(0);

    const again = await callRoute(confirmRoute.POST, { method: "POST", token: owner.token, params });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("not_held");
  });
});
