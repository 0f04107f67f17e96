import { describe, expect, it } from "vitest";
import { CALENDAR, setupGoogleFake } from "./fake-fixture.ts";

const g = setupGoogleFake();

const weekly = {
  summary: "Standup",
  start: { dateTime: "2026-03-02T09:00:00+01:00", timeZone: "Europe/Berlin" },
  end: { dateTime: "2026-03-02T09:15:00+01:00", timeZone: "Europe/Berlin" },
  recurrence: ["RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6", "EXDATE;TZID=Europe/Berlin:20260304T090000"],
};

describe("Google fake recurring events", () => {
  it("expands RRULE minus EXDATE with singleEvents=true, with Google's instance ids across DST", async () => {
    const [master] = await g.fake.control.seedEvents(CALENDAR, [weekly]);
    const { body } = await g.list({ singleEvents: true, orderBy: "startTime" });
    // Europe/Berlin switches to summer time on 2026-03-29: 09:00 local is then 07:00Z.
    expect(body.items.map((i) => i.id)).toEqual(
      ["20260302T080000Z", "20260309T080000Z", "20260311T080000Z", "20260316T080000Z", "20260318T080000Z"].map(
        (s) => `${master?.id}_${s}`,
      ),
    );
    expect(body.items[0]).toMatchObject({
      recurringEventId: master?.id,
      originalStartTime: { dateTime: "2026-03-02T09:00:00+01:00" },
    });
    const daily = await g.fake.control.seedEvents(CALENDAR, [
      {
        summary: "d",
        start: { dateTime: "2026-03-27T09:00:00+01:00", timeZone: "Europe/Berlin" },
        end: { dateTime: "2026-03-27T10:00:00+01:00", timeZone: "Europe/Berlin" },
        recurrence: ["RRULE:FREQ=DAILY;INTERVAL=2;UNTIL=20260331T235959Z"],
      },
      {
        summary: "m",
        start: { date: "2026-01-31" },
        end: { date: "2026-02-01" },
        recurrence: ["RRULE:FREQ=MONTHLY;COUNT=2"],
      },
    ]);
    const all = (await g.list({ singleEvents: true })).body.items.map((i) => i.id);
    expect(all).toContain(`${daily[0]?.id}_20260329T070000Z`);
    expect(all).toContain(`${daily[0]?.id}_20260331T070000Z`);
    // RFC 5545: a monthly rule on the 31st skips months without one.
    expect(all.filter((id) => id.startsWith(`${daily[1]?.id}_`))).toEqual([
      `${daily[1]?.id}_20260131`,
      `${daily[1]?.id}_20260331`,
    ]);
  });

  it("turns an edited occurrence into an exception and a deleted one into a cancelled instance", async () => {
    const [master] = await g.fake.control.seedEvents(CALENDAR, [weekly]);
    const token = (await g.list({ showDeleted: true })).body.nextSyncToken ?? "";
    const movedId = `${master?.id}_20260309T080000Z`;
    const cancelledId = `${master?.id}_20260311T080000Z`;
    const moved = await g.api(`/calendar/v3/calendars/${CALENDAR}/events/${movedId}`, {
      method: "PATCH",
      json: { start: { dateTime: "2026-03-09T11:00:00+01:00" }, end: { dateTime: "2026-03-09T11:15:00+01:00" } },
    });
    expect(moved.status).toBe(200);
    expect((await g.api(`/calendar/v3/calendars/${CALENDAR}/events/${cancelledId}`, { method: "DELETE" })).status).toBe(
      204,
    );

    const changes = (await g.list({ syncToken: token })).body.items;
    expect(changes.find((i) => i.id === movedId)).toMatchObject({
      recurringEventId: master?.id,
      originalStartTime: { dateTime: "2026-03-09T09:00:00+01:00", timeZone: "Europe/Berlin" },
      start: { dateTime: "2026-03-09T11:00:00+01:00" },
    });
    expect(changes.find((i) => i.id === cancelledId)).toEqual({
      kind: "calendar#event",
      etag: expect.any(String),
      id: cancelledId,
      status: "cancelled",
      recurringEventId: master?.id,
      originalStartTime: { dateTime: "2026-03-11T09:00:00+01:00", timeZone: "Europe/Berlin" },
    });
    // Cancelled instances come back without showDeleted when not expanding, and not when expanding.
    expect((await g.list({})).body.items.map((i) => i.id)).toContain(cancelledId);
    const expanded = (await g.list({ singleEvents: true })).body.items.map((i) => i.id);
    expect(expanded).not.toContain(cancelledId);
    expect(expanded).toContain(movedId);

    await g.fake.control.setOptions({ dropCancelledInstanceFields: true });
    const bare = (await g.list({ syncToken: token })).body.items.find((i) => i.id === cancelledId);
    expect(Object.keys(bare ?? {}).sort()).toEqual(["etag", "id", "kind", "status"]);
  });

  it("lists a series' master and exceptions by iCalUID, and deletes them with the master", async () => {
    const [master] = await g.fake.control.seedEvents(CALENDAR, [weekly]);
    await g.fake.control.mutate({
      calendarId: CALENDAR,
      action: "patch",
      eventId: `${master?.id}_20260316T080000Z`,
      event: { summary: "special" },
    });
    const series = await g.list({ iCalUID: String(master?.iCalUID), showDeleted: true });
    expect(series.body.items.map((i) => i.id)).toEqual([master?.id, `${master?.id}_20260316T080000Z`]);
    const token = series.body.nextSyncToken ?? "";
    await g.fake.control.mutate({ calendarId: CALENDAR, action: "delete", eventId: master?.id });
    const changes = (await g.list({ syncToken: token })).body.items;
    expect(changes.map((i) => [i.id, i.status])).toEqual([
      [master?.id, "cancelled"],
      [`${master?.id}_20260316T080000Z`, "cancelled"],
    ]);
    expect((await g.list({})).body.items).toEqual([]);
  });
  it("lists a master's instances with events.instances, exceptions in place", async () => {
    const [master] = await g.fake.control.seedEvents(CALENDAR, [weekly]);
    await g.fake.control.mutate({
      calendarId: CALENDAR,
      action: "patch",
      eventId: `${master?.id}_20260309T080000Z`,
      event: { summary: "special" },
    });
    await g.fake.control.mutate({ calendarId: CALENDAR, action: "delete", eventId: `${master?.id}_20260311T080000Z` });
    const path = `/calendar/v3/calendars/${CALENDAR}/events/${master?.id}/instances`;
    const body = (await (await g.api(path)).json()) as { items: Array<{ id: string; summary: string }> };
    expect(body.items.map((i) => [i.id.slice(-16), i.summary])).toEqual([
      ["20260302T080000Z", "Standup"],
      ["20260309T080000Z", "special"],
      ["20260316T080000Z", "Standup"],
      ["20260318T080000Z", "Standup"],
    ]);
    const withDeleted = (await (await g.api(`${path}?showDeleted=true&maxResults=2`)).json()) as {
      items: unknown[];
      nextPageToken?: string;
    };
    expect(withDeleted.items).toHaveLength(2);
    expect(withDeleted.nextPageToken).toEqual(expect.any(String));
    expect((await g.api(`/calendar/v3/calendars/${CALENDAR}/events/nope00000/instances`)).status).toBe(404);
  });
});
