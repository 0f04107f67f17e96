/**
 * Bounded recurrences on the write side (POST/PATCH /api/v1/events): a rule beyond Concord's
 * limits answers 422 `recurrence_too_complex` with a sentence, stores nothing and queues
 * nothing; a series that arrived from a server beyond the limits keeps its rule and stays
 * editable in its other fields.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as eventRoute from "../../../app/api/v1/events/[id]/route.ts";
import * as eventsRoute from "../../../app/api/v1/events/route.ts";
import { db } from "../../../lib/db/client.ts";
import { readFixture } from "../../unit/ical/fixtures.ts";
import { callRoute, createUserWithToken } from "../../helpers/api.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";
import { createTestCalendar, insertEvent } from "./event-fixtures.ts";

const base = { title: "Standup", start: "2026-03-10T09:00:00Z", end: "2026-03-10T09:15:00Z" };
/** EXDATE lines of 100 dates each (an API line holds at most 2000 characters). */
function exdateLines(count: number): string[] {
  const days = Array.from({ length: count }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10));
  const lines: string[] = [];
  for (let i = 0; i < days.length; i += 100)
    lines.push(
      `EXDATE;VALUE=DATE:${days
        .slice(i, i + 100)
        .map((d) => d.replaceAll("-", ""))
        .join(",")}`,
    );
  return lines;
}
const fiftyRules = Array.from({ length: 50 }, () => "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30");

describe("recurrence limits on POST and PATCH /api/v1/events", () => {
  let testDb: TestDb;
  let me: { userId: string; token: string };
  let calendarId: string;

  beforeAll(async () => {
    testDb = await createTestDb("pglite");
    me = await createUserWithToken("me");
    calendarId = await createTestCalendar({ userId: me.userId });
  });
  afterAll(async () => {
    await testDb.close();
  });

  const create = (recurrence: string[]) =>
    callRoute(eventsRoute.POST, { method: "POST", token: me.token, body: { calendarId, ...base, recurrence } });
  const patch = (id: string, body: unknown) =>
    callRoute(eventRoute.PATCH, { method: "PATCH", token: me.token, params: { id }, body });

  it.each([
    ["50 rules that match no date", fiftyRules, "too_many_rules", /at most 3 rules/],
    ["FREQ=SECONDLY", ["RRULE:FREQ=SECONDLY"], "frequency", /every second or every minute/],
    ["one rule of 30 February", ["RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"], "no_date", /matches no date/],
    [
      "a rule no date satisfies that only expansion can tell",
      ["RRULE:FREQ=DAILY;BYDAY=5MO"],
      "over_budget",
      /too complex/,
    ],
    ["1001 skipped dates", ["RRULE:FREQ=DAILY", ...exdateLines(1001)], "too_many_dates", /at most 1000/],
  ])("POST refuses %s with 422 recurrence_too_complex and stores nothing", async (_name, recurrence, reason, text) => {
    const before = await db().event.count({ where: { calendarId } });
    const response = await create(recurrence);
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: "recurrence_too_complex", details: { reason } });
    expect(response.body.error.message).toMatch(text);
    expect(await db().event.count({ where: { calendarId } })).toBe(before);
  });

  it("POST accepts an ordinary series", async () => {
    const response = await create(["RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"]);
    expect(response.status).toBe(201);
    expect(response.body.recurrence).toEqual(["RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"]);
    expect(response.body.recurrenceTooComplex).toBeUndefined();
  });

  it("PATCH refuses a new rule beyond the limits and leaves the event as it was", async () => {
    const created = await create(["RRULE:FREQ=WEEKLY"]);
    const before = await db().event.findUniqueOrThrow({ where: { id: created.body.id } });
    for (const recurrence of [fiftyRules, ["RRULE:FREQ=SECONDLY"], ["RRULE:FREQ=DAILY;BYDAY=5MO"]]) {
      const response = await patch(created.body.id, { recurrence });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe("recurrence_too_complex");
    }
    const after = await db().event.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(after).toMatchObject({ ical: before.ical, version: before.version });
    expect(await db().pendingChange.count({ where: { eventId: created.body.id } })).toBe(1);
  });

  it("PATCH of other fields of a series that arrived beyond the limits keeps its rules", async () => {
    const id = await insertEvent({ userId: me.userId, calendarId, ical: readFixture("rule-bomb-february-30.ics") });
    const got = await callRoute(eventRoute.GET, { token: me.token, params: { id } });
    expect(got.body).toMatchObject({ recurrenceTooComplex: true });
    expect(got.body.recurrence).toHaveLength(50);
    const response = await patch(id, { title: "Renamed" });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ title: "Renamed", recurrenceTooComplex: true });
    const row = await db().event.findUniqueOrThrow({ where: { id } });
    expect(row.ical.match(/^RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30\r$/gm)).toHaveLength(50);
  });
});
