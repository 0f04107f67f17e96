import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db/client.ts";
import { AppError } from "../../../lib/errors/app-error.ts";
import { listOccurrences } from "../../../lib/events/list-occurrences.ts";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db.ts";
import { createTestCalendar, createTestUser, icalOf, insertEvent, simpleEvent } from "./event-fixtures.ts";

const march = { start: new Date("2026-03-01T00:00:00Z"), end: new Date("2026-04-01T00:00:00Z") };

function brief(items: Awaited<ReturnType<typeof listOccurrences>>) {
  return items.map((item) => ({
    id: item.id,
    title: item.title,
    start: item.start,
    end: item.end,
    allDay: item.allDay,
  }));
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(testDbKinds)("listOccurrences on %s", (kind) => {
  let testDb: TestDb;
  let userId: string;
  let calendarId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    testDb = await createTestDb(kind);
    userId = await createTestUser();
    calendarId = await createTestCalendar({ userId });
    const add = async (name: string, ical: string) => {
      ids[name] = await insertEvent({ userId, calendarId, ical });
    };
    await add("timed", simpleEvent({ title: "Dentist", start: "20260302T090000Z", end: "20260302T100000Z" }));
    await add(
      "allDay",
      icalOf(["UID:all-day-1", "SUMMARY:Holiday", "DTSTART;VALUE=DATE:20260303", "DTEND;VALUE=DATE:20260305"]),
    );
    // Weekly on Mondays 10:00 Berlin (UTC+1 in March until the 29th); the 9th is excluded and
    // the 16th moved to Tuesday 17th 14:00.
    await add(
      "weekly",
      icalOf(
        [
          "UID:weekly-1",
          "SUMMARY:Standup",
          "DTSTART;TZID=Europe/Berlin:20260302T100000",
          "DTEND;TZID=Europe/Berlin:20260302T103000",
          "RRULE:FREQ=WEEKLY;COUNT=4",
          "EXDATE;TZID=Europe/Berlin:20260309T100000",
        ],
        [
          "UID:weekly-1",
          "SUMMARY:Standup (moved)",
          "RECURRENCE-ID;TZID=Europe/Berlin:20260316T100000",
          "DTSTART;TZID=Europe/Berlin:20260317T140000",
          "DTEND;TZID=Europe/Berlin:20260317T143000",
        ],
      ),
    );
    // 09:00 New York every Thursday across the DST change of 8 March 2026 (UTC-5 -> UTC-4).
    await add(
      "dst",
      icalOf([
        "UID:dst-1",
        "SUMMARY:NY call",
        "DTSTART;TZID=America/New_York:20260305T090000",
        "DTEND;TZID=America/New_York:20260305T100000",
        "RRULE:FREQ=WEEKLY;COUNT=3",
      ]),
    );
    // Open-ended monthly series begun years before the range.
    await add(
      "monthly",
      icalOf([
        "UID:monthly-1",
        "SUMMARY:Rent",
        "DTSTART:20200110T120000Z",
        "DTEND:20200110T123000Z",
        "RRULE:FREQ=MONTHLY",
      ]),
    );
    // Outside the range, or ending exactly at its start: never listed.
    await add("before", simpleEvent({ title: "February", start: "20260228T230000Z", end: "20260301T000000Z" }));
    await add("after", simpleEvent({ title: "April", start: "20260401T000000Z", end: "20260401T010000Z" }));
    await insertEvent({
      userId,
      calendarId,
      ical: simpleEvent({ title: "Deleted locally", start: "20260310T090000Z", end: "20260310T100000Z" }),
      extra: { deletedLocally: true },
    });
    await insertEvent({
      userId,
      calendarId,
      ical: simpleEvent({ title: "Kept aside", start: "20260310T090000Z", end: "20260310T100000Z" }),
      extra: { parseError: "bad payload" },
    });
  });

  afterAll(async () => {
    await testDb.close();
  });

  it("lists timed, all-day, recurring (EXDATE, moved override), DST-crossing and open-ended events", async () => {
    const items = await listOccurrences({ userId, ...march });
    const w = ids.weekly;
    const d = ids.dst;
    const m = ids.monthly;
    expect(brief(items)).toEqual([
      { id: ids.timed, title: "Dentist", start: "2026-03-02T09:00:00Z", end: "2026-03-02T10:00:00Z", allDay: false },
      {
        id: `${w}:2026-03-02T09:00:00Z`,
        title: "Standup",
        start: "2026-03-02T09:00:00Z",
        end: "2026-03-02T09:30:00Z",
        allDay: false,
      },
      { id: ids.allDay, title: "Holiday", start: "2026-03-03", end: "2026-03-05", allDay: true },
      {
        id: `${d}:2026-03-05T14:00:00Z`,
        title: "NY call",
        start: "2026-03-05T14:00:00Z",
        end: "2026-03-05T15:00:00Z",
        allDay: false,
      },
      {
        id: `${m}:2026-03-10T12:00:00Z`,
        title: "Rent",
        start: "2026-03-10T12:00:00Z",
        end: "2026-03-10T12:30:00Z",
        allDay: false,
      },
      {
        id: `${d}:2026-03-12T13:00:00Z`,
        title: "NY call",
        start: "2026-03-12T13:00:00Z",
        end: "2026-03-12T14:00:00Z",
        allDay: false,
      },
      {
        id: `${w}:2026-03-16T09:00:00Z`,
        title: "Standup (moved)",
        start: "2026-03-17T13:00:00Z",
        end: "2026-03-17T13:30:00Z",
        allDay: false,
      },
      {
        id: `${d}:2026-03-19T13:00:00Z`,
        title: "NY call",
        start: "2026-03-19T13:00:00Z",
        end: "2026-03-19T14:00:00Z",
        allDay: false,
      },
      {
        id: `${w}:2026-03-23T09:00:00Z`,
        title: "Standup",
        start: "2026-03-23T09:00:00Z",
        end: "2026-03-23T09:30:00Z",
        allDay: false,
      },
    ]);
  });

  it("fills the Occurrence fields: series links, recurrence, status, syncState, readOnly, etag", async () => {
    const items = await listOccurrences({ userId, ...march });
    const moved = items.find((item) => item.id === `${ids.weekly}:2026-03-16T09:00:00Z`);
    expect(moved).toMatchObject({
      eventId: ids.weekly,
      calendarId,
      calendarIds: [calendarId],
      recurringEventId: ids.weekly,
      originalStart: "2026-03-16T09:00:00Z",
      timeZone: "Europe/Berlin",
      status: "confirmed",
      syncState: "synced",
      readOnly: false,
      etag: '"v1"',
    });
    expect(moved?.recurrence).toEqual(["RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE;TZID=Europe/Berlin:20260309T100000"]);
    const single = items.find((item) => item.id === ids.timed);
    expect(single?.recurringEventId).toBeUndefined();
    expect(single?.originalStart).toBeUndefined();
    expect(single?.eventId).toBe(ids.timed);
  });

  it("expands an open-ended series in any later range", async () => {
    const items = await listOccurrences({
      userId,
      start: new Date("2030-06-01T00:00:00Z"),
      end: new Date("2030-07-01T00:00:00Z"),
    });
    expect(items.map((item) => item.id)).toEqual([`${ids.monthly}:2030-06-10T12:00:00Z`]);
  });

  it("accepts 400 days and refuses 401 days or an empty range with 422", async () => {
    const start = new Date("2026-01-01T00:00:00Z");
    const items = await listOccurrences({ userId, start, end: new Date(start.getTime() + 400 * 86_400_000) });
    expect(items.length).toBeGreaterThan(9);
    const tooLong = await rejection(
      listOccurrences({ userId, start, end: new Date(start.getTime() + 401 * 86_400_000) }),
    );
    expect([tooLong.code, tooLong.status]).toEqual(["range_too_long", 422]);
    const empty = await rejection(listOccurrences({ userId, start, end: start }));
    expect([empty.code, empty.status]).toEqual(["validation_failed", 422]);
  });

  it("hides a disabled calendar unless it is asked for by id", async () => {
    const hidden = await createTestCalendar({ userId, enabled: false });
    const eventId = await insertEvent({
      userId,
      calendarId: hidden,
      ical: simpleEvent({ title: "Hidden", start: "20260320T090000Z", end: "20260320T100000Z" }),
    });
    expect((await listOccurrences({ userId, ...march })).map((item) => item.id)).not.toContain(eventId);
    const explicit = await listOccurrences({ userId, ...march, calendarIds: [hidden] });
    expect(explicit.map((item) => item.id)).toEqual([eventId]);
  });

  it("shows one meeting held in two calendars once, from the writable copy", async () => {
    const shared = await createTestCalendar({ userId, name: "Shared (read-only)", readOnly: true });
    const mine = await createTestCalendar({ userId, name: "Mine" });
    const ical = simpleEvent({
      uid: "meeting-1",
      title: "Board meeting",
      start: "20260325T150000Z",
      end: "20260325T160000Z",
    });
    const readOnlyCopy = await insertEvent({ userId, calendarId: shared, ical });
    const writableCopy = await insertEvent({ userId, calendarId: mine, ical });
    const items = (await listOccurrences({ userId, ...march })).filter((item) => item.title === "Board meeting");
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: writableCopy, calendarId: mine, readOnly: false });
    expect(new Set(items[0]?.calendarIds)).toEqual(new Set([mine, shared]));
    expect(items[0]?.calendarIds[0]).toBe(mine);
    const onlyShared = await listOccurrences({ userId, ...march, calendarIds: [shared] });
    expect(onlyShared.map((item) => item.id)).toEqual([readOnlyCopy]);
  });

  it("never shows another user's events; another user's calendar id answers 404", async () => {
    const otherUser = await createTestUser("other");
    const otherCalendar = await createTestCalendar({ userId: otherUser });
    const otherEvent = await insertEvent({
      userId: otherUser,
      calendarId: otherCalendar,
      ical: simpleEvent({ title: "Not yours", start: "20260311T090000Z", end: "20260311T100000Z" }),
    });
    expect((await listOccurrences({ userId, ...march })).map((item) => item.id)).not.toContain(otherEvent);
    const error = await rejection(listOccurrences({ userId, ...march, calendarIds: [calendarId, otherCalendar] }));
    expect([error.code, error.status]).toEqual(["not_found", 404]);
    expect((await listOccurrences({ userId: otherUser, ...march })).map((item) => item.id)).toEqual([otherEvent]);
  });

  it("reads only rows whose series span overlaps the range", async () => {
    // The query filters on seriesStart/seriesEnd: a row whose span is outside the range is never
    // expanded, even when its payload would (wrongly) produce an occurrence in it.
    const lying = await insertEvent({
      userId,
      calendarId,
      ical: simpleEvent({ title: "Span says 2019", start: "20260312T090000Z", end: "20260312T100000Z" }),
    });
    await db().event.update({
      where: { id: lying },
      data: { seriesStart: new Date("2019-01-01T00:00:00Z"), seriesEnd: new Date("2019-01-02T00:00:00Z") },
    });
    expect((await listOccurrences({ userId, ...march })).map((item) => item.id)).not.toContain(lying);
  });

  it("keeps zero-length events at the range start, not at its end", async () => {
    const atStart = await insertEvent({
      userId,
      calendarId,
      ical: simpleEvent({ title: "Instant start", start: "20260301T000000Z", end: "20260301T000000Z" }),
    });
    const atEnd = await insertEvent({
      userId,
      calendarId,
      ical: simpleEvent({ title: "Instant end", start: "20260401T000000Z", end: "20260401T000000Z" }),
    });
    const ids = (await listOccurrences({ userId, ...march })).map((item) => item.id);
    expect(ids).toContain(atStart);
    expect(ids).not.toContain(atEnd);
  });

  it("accepts a row whose stored span ends before it starts (the span index never fails a write)", async () => {
    const broken = await insertEvent({
      userId,
      calendarId,
      ical: simpleEvent({ title: "Backwards", start: "20260305T090000Z", end: "20260305T100000Z" }),
    });
    await db().event.update({ where: { id: broken }, data: { seriesEnd: new Date("2026-03-05T08:00:00Z") } });
    expect((await listOccurrences({ userId, ...march })).map((item) => item.id)).toContain(broken);
  });
});
