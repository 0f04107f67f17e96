import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as eventRoute from "../../../app/api/v1/events/[id]/route.ts";
import * as eventsRoute from "../../../app/api/v1/events/route.ts";
import { db } from "../../../lib/db/client.ts";
import { getEvent } from "../../../lib/events/get-event.ts";
import { callRoute, createUserWithToken } from "../../helpers/api.ts";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db.ts";
import { createTestCalendar, icalOf, insertEvent, simpleEvent } from "./event-fixtures.ts";

describe.each(testDbKinds)("GET /api/v1/events and /api/v1/events/{id} on %s", (kind) => {
  let testDb: TestDb;
  let me: { userId: string; token: string };
  let other: { userId: string; token: string };
  let calendarId: string;
  let seriesId: string;
  let singleId: string;

  beforeAll(async () => {
    testDb = await createTestDb(kind);
    me = await createUserWithToken("me");
    other = await createUserWithToken("other");
    calendarId = await createTestCalendar({ userId: me.userId, readOnly: true });
    seriesId = await insertEvent({
      userId: me.userId,
      calendarId,
      ical: icalOf([
        "UID:series-1",
        "SUMMARY:Yoga",
        "LOCATION:Hall 2",
        "DESCRIPTION:Bring a mat",
        "DTSTART;TZID=Europe/Paris:20260303T180000",
        "DTEND;TZID=Europe/Paris:20260303T190000",
        "RRULE:FREQ=WEEKLY;BYDAY=TU",
        "STATUS:TENTATIVE",
      ]),
      extra: { syncState: "PENDING" },
    });
    singleId = await insertEvent({
      userId: me.userId,
      calendarId,
      ical: simpleEvent({ title: "Single", start: "20260304T080000Z", end: "20260304T083000Z" }),
    });
  });

  afterAll(async () => {
    await testDb.close();
  });

  it("returns the series master with recurrence, lower-case syncState, readOnly and Concord's etag", async () => {
    const response = await callRoute(eventRoute.GET, { token: me.token, params: { id: seriesId } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: seriesId,
      calendarId,
      title: "Yoga",
      start: "2026-03-03T17:00:00Z",
      end: "2026-03-03T18:00:00Z",
      allDay: false,
      timeZone: "Europe/Paris",
      location: "Hall 2",
      description: "Bring a mat",
      recurrence: ["RRULE:FREQ=WEEKLY;BYDAY=TU"],
      status: "tentative",
      syncState: "pending",
      readOnly: true,
      etag: '"v1"',
    });
    expect(response.headers.get("etag")).toBe('"v1"');
    const single = await getEvent({ userId: me.userId, eventId: singleId });
    expect(single.recurrence).toBeUndefined();
    expect(single.syncState).toBe("synced");
  });

  it("changes the etag with the row's version", async () => {
    await db().event.update({ where: { id: singleId }, data: { version: { increment: 1 } } });
    expect((await getEvent({ userId: me.userId, eventId: singleId })).etag).toBe('"v2"');
  });

  it("reads the series for an occurrence id", async () => {
    const response = await callRoute(eventRoute.GET, {
      token: me.token,
      params: { id: `${seriesId}:2026-03-10T17:00:00Z` },
    });
    expect(response.status).toBe(200);
    expect(response.body.id).toBe(seriesId);
  });

  it("answers 404 for another user's event, an unknown id and a local delete; 401 without credentials", async () => {
    expect((await callRoute(eventRoute.GET, { token: other.token, params: { id: seriesId } })).status).toBe(404);
    expect((await callRoute(eventRoute.GET, { token: me.token, params: { id: "nope" } })).body.error.code).toBe(
      "not_found",
    );
    await db().event.update({ where: { id: singleId }, data: { deletedLocally: true } });
    expect((await callRoute(eventRoute.GET, { token: me.token, params: { id: singleId } })).status).toBe(404);
    await db().event.update({ where: { id: singleId }, data: { deletedLocally: false } });
    expect((await callRoute(eventRoute.GET, { params: { id: seriesId } })).status).toBe(401);
  });

  it("serves the range query with its validation", async () => {
    const ok = await callRoute(eventsRoute.GET, {
      token: me.token,
      path: "/api/v1/events?start=2026-03-01T00:00:00%2B01:00&end=2026-03-15T00:00:00Z",
    });
    expect(ok.status).toBe(200);
    expect(ok.body.items.map((item: { id: string }) => item.id)).toEqual([
      `${seriesId}:2026-03-03T17:00:00Z`,
      singleId,
      `${seriesId}:2026-03-10T17:00:00Z`,
    ]);
    const cases: [string, number, string][] = [
      ["/api/v1/events?end=2026-03-15T00:00:00Z", 422, "validation_failed"],
      ["/api/v1/events?start=yesterday&end=2026-03-15T00:00:00Z", 422, "validation_failed"],
      ["/api/v1/events?start=2026-03-01T00:00:00&end=2026-03-15T00:00:00Z", 422, "validation_failed"],
      ["/api/v1/events?start=2026-01-01&end=2027-03-01", 422, "range_too_long"],
      [`/api/v1/events?start=2026-03-01&end=2026-03-15&calendarIds=${calendarId},unknown`, 404, "not_found"],
    ];
    for (const [path, status, code] of cases) {
      const response = await callRoute(eventsRoute.GET, { token: me.token, path });
      expect([path, response.status, response.body.error.code]).toEqual([path, status, code]);
    }
    const foreign = await callRoute(eventsRoute.GET, {
      token: other.token,
      path: `/api/v1/events?start=2026-03-01&end=2026-03-15&calendarIds=${calendarId}`,
    });
    expect(foreign.status).toBe(404);
    const dates = await callRoute(eventsRoute.GET, {
      token: me.token,
      path: "/api/v1/events?start=2026-03-04&end=2026-03-05",
    });
    expect(dates.body.items.map((item: { id: string }) => item.id)).toEqual([singleId]);
  });
});
