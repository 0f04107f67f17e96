/**
 * Local create / edit / delete / move reach the remote through the outbox push, on Radicale
 * and on the Google fake; the edit endpoints' refusals (412, 409, 422, 404).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "../../../lib/db/client.ts";
import { createEvent } from "../../../lib/events/create-event.ts";
import { deleteEvent } from "../../../lib/events/delete-event.ts";
import { listOccurrences } from "../../../lib/events/list-occurrences.ts";
import { moveEvent } from "../../../lib/events/move-event.ts";
import { updateEvent } from "../../../lib/events/update-event.ts";
import { extractEventFields } from "../../../lib/ical/extract-event-fields.ts";
import { googleFixture } from "../../fakes/google/setup-google-provider.ts";
import { createScenario, eventRow, remoteKinds, useTwoWayServers } from "./two-way-harness.ts";

const servers = useTwoWayServers();

/** A two-way fixture (tests/fixtures/two-way/), as another client wrote it. */
function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/two-way/${name}`, import.meta.url), "utf8");
}

const meeting = {
  title: "Planning",
  start: "2026-05-04T09:00:00Z",
  end: "2026-05-04T10:00:00Z",
  description: "Agenda: budget",
};

describe.each(remoteKinds)("local edits on %s", (kind) => {
  it("pushes a create once and marks the event synced", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const created = await createEvent({ userId: s.userId, input: { calendarId: s.calendarId, ...meeting } });
    expect(created.syncState).toBe("PENDING");
    expect(await db().pendingChange.count({ where: { eventId: created.id, kind: "CREATE", status: "PENDING" } })).toBe(
      1,
    );

    expect(await s.push()).toEqual({ pushed: 1, conflicts: 0, failed: 0 });
    const row = await eventRow(created.id);
    expect(row.syncState).toBe("SYNCED");
    expect(row.remoteRef).toBeTruthy();
    expect(row.base).toBeTruthy();
    const remote = await s.remoteObjects();
    expect(remote).toHaveLength(1);
    expect(extractEventFields(remote[0]!.ical)).toMatchObject({
      title: "Planning",
      start: meeting.start,
      end: meeting.end,
      description: "Agenda: budget",
    });
    // Nothing left to send.
    expect(await s.push()).toEqual({ pushed: 0, conflicts: 0, failed: 0 });
  });

  it("pushes an edit of one field and keeps the others", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const created = await createEvent({ userId: s.userId, input: { calendarId: s.calendarId, ...meeting } });
    await s.push();
    const edited = await updateEvent({ userId: s.userId, id: created.id, input: { title: "Planning (moved room)" } });
    expect(edited.syncState).toBe("PENDING");
    expect(edited.version).toBe((await eventRow(created.id)).version);
    expect(await s.push()).toMatchObject({ pushed: 1, conflicts: 0 });
    const row = await eventRow(created.id);
    const remote = await s.remoteFetch(row.remoteRef!);
    expect(extractEventFields(remote!.ical)).toMatchObject({
      title: "Planning (moved room)",
      description: "Agenda: budget",
      start: meeting.start,
    });
    expect(row.syncState).toBe("SYNCED");
    expect(row.etag).toBe(remote!.etag);
  });

  it("pushes a delete and drops the local tombstone", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const created = await createEvent({ userId: s.userId, input: { calendarId: s.calendarId, ...meeting } });
    await s.push();
    const ref = (await eventRow(created.id)).remoteRef!;
    await deleteEvent({ userId: s.userId, id: created.id });
    expect((await eventRow(created.id)).deletedLocally).toBe(true);
    expect(await s.push()).toMatchObject({ pushed: 1 });
    expect(await s.remoteFetch(ref)).toBeNull();
    expect(await db().event.findUnique({ where: { id: created.id } })).toBeNull();
  });

  it("a create deleted before its push never reaches the remote", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const created = await createEvent({ userId: s.userId, input: { calendarId: s.calendarId, ...meeting } });
    await deleteEvent({ userId: s.userId, id: created.id });
    await s.push();
    expect(await s.remoteObjects()).toHaveLength(0);
    expect(await db().event.findUnique({ where: { id: created.id } })).toBeNull();
  });

  it("a pull, even a full listing, leaves waiting local creates, edits and deletes alone", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const edited = await createEvent({ userId: s.userId, input: { calendarId: s.calendarId, ...meeting } });
    const deleted = await createEvent({
      userId: s.userId,
      input: { calendarId: s.calendarId, ...meeting, title: "Obsolete" },
    });
    await s.push();
    await s.pull();
    await updateEvent({ userId: s.userId, id: edited.id, input: { title: "Planning v2" } });
    await deleteEvent({ userId: s.userId, id: deleted.id });
    const fresh = await createEvent({
      userId: s.userId,
      input: { calendarId: s.calendarId, ...meeting, title: "Brand new" },
    });
    // Forget the cursor: the next pull is a full listing with mark-and-sweep.
    await db().calendar.update({ where: { id: s.calendarId }, data: { syncToken: null, ctag: null } });
    await s.pull();
    expect(await eventRow(edited.id)).toMatchObject({ title: "Planning v2", syncState: "PENDING" });
    expect(await eventRow(deleted.id)).toMatchObject({ deletedLocally: true, syncState: "PENDING" });
    expect(await eventRow(fresh.id)).toMatchObject({ title: "Brand new", syncState: "PENDING" });
    await s.push();
    const titles = (await s.remoteObjects()).map((o) => extractEventFields(o.ical).title).sort();
    expect(titles).toEqual(["Brand new", "Planning v2"]);
  });

  it("moves an event to another calendar: created in the target, deleted from the source", async () => {
    const source = await createScenario({ server: servers[kind]! });
    const target = await createScenario({ server: servers[kind]!, userId: source.userId });
    const created = await createEvent({ userId: source.userId, input: { calendarId: source.calendarId, ...meeting } });
    await source.push();
    const { event: moved, warnings } = await moveEvent({
      userId: source.userId,
      eventId: created.id,
      calendarId: target.calendarId,
    });
    expect(moved.calendarId).toBe(target.calendarId);
    expect(warnings).toEqual([]);
    expect(
      await db().pendingChange.count({ where: { status: "PENDING", eventId: { in: [created.id, moved.id] } } }),
    ).toBe(2);
    await target.push();
    await source.push();
    expect(await source.remoteObjects()).toHaveLength(0);
    const inTarget = await target.remoteObjects();
    expect(inTarget.map((o) => extractEventFields(o.ical).title)).toEqual(["Planning"]);
    expect((await eventRow(moved.id)).syncState).toBe("SYNCED");
  });
});

describe("moving across providers", () => {
  it("moves a Radicale event into a Google calendar", async () => {
    const source = await createScenario({ server: servers.radicale! });
    const target = await createScenario({ server: servers.google!, userId: source.userId });
    const created = await createEvent({ userId: source.userId, input: { calendarId: source.calendarId, ...meeting } });
    await source.push();
    const { event: moved } = await moveEvent({
      userId: source.userId,
      eventId: created.id,
      calendarId: target.calendarId,
    });
    expect(await target.push()).toMatchObject({ pushed: 1 });
    expect(await source.push()).toMatchObject({ pushed: 1 });
    expect(await source.remoteObjects()).toHaveLength(0);
    const inGoogle = await target.remoteObjects();
    expect(inGoogle).toHaveLength(1);
    expect(extractEventFields(inGoogle[0]!.ical)).toMatchObject({ title: "Planning", start: meeting.start });
    expect((await eventRow(moved.id)).remoteRef).toBe(inGoogle[0]!.ref);
  });
});

describe("alarms across providers", () => {
  it("moves a Radicale event with alarms into Google, where they become the event's reminders", async () => {
    const source = await createScenario({ server: servers.radicale! });
    const target = await createScenario({ server: servers.google!, userId: source.userId });
    const ical = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Phone//EN",
      "BEGIN:VEVENT",
      "UID:dentist-alarms@example.test",
      "DTSTAMP:20260301T000000Z",
      "DTSTART:20260504T090000Z",
      "DTEND:20260504T100000Z",
      "SUMMARY:Dentist",
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      "DESCRIPTION:Dentist",
      "TRIGGER:-PT30M",
      "END:VALARM",
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ].join("\r\n");
    await source.seedRemote(ical, "dentist-alarms@example.test");
    await source.pull();
    const row = await db().event.findFirstOrThrow({ where: { calendarId: source.calendarId, title: "Dentist" } });
    await moveEvent({ userId: source.userId, eventId: row.id, calendarId: target.calendarId });
    expect(await target.push()).toMatchObject({ pushed: 1 });
    const stored = await servers.google!.googleControl!.storedEvents(target.ref.remoteId);
    expect(stored.map((event) => [event.summary, event.reminders])).toEqual([
      ["Dentist", { useDefault: false, overrides: [{ method: "popup", minutes: 30 }] }],
    ]);
  });
});

describe("reminders across providers", () => {
  it("moves a Google event to Radicale (which refused Google's carried fields as BINARY) with its popup reminders as alarms, and back again", async () => {
    const google = await createScenario({ server: servers.google! });
    const radicale = await createScenario({ server: servers.radicale!, userId: google.userId });
    const control = servers.google!.googleControl!;
    await control.seedEvents(google.ref.remoteId, [googleFixture("flight-with-reminders")]);
    await google.pull();
    const row = await db().event.findFirstOrThrow({ where: { calendarId: google.calendarId, title: "Flight" } });

    const { event: onRadicale } = await moveEvent({
      userId: google.userId,
      eventId: row.id,
      calendarId: radicale.calendarId,
    });
    expect(await radicale.push()).toMatchObject({ pushed: 1, failed: 0 });
    expect(await google.push()).toMatchObject({ pushed: 1, failed: 0 });
    const [object] = await radicale.remoteObjects();
    const alarms = [...(object?.ical ?? "").matchAll(/BEGIN:VALARM[\s\S]*?END:VALARM/g)].map((m) => m[0]);
    expect(alarms.map((alarm) => /TRIGGER:(\S+)/.exec(alarm)?.[1])).toEqual(["-PT30M", "-PT2H"]);
    expect(alarms.every((alarm) => alarm.includes("ACTION:DISPLAY"))).toBe(true);

    // Back into Google: the alarms (not the reminders Google had before) decide; other Google fields ride along.
    await moveEvent({ userId: google.userId, eventId: onRadicale.id, calendarId: google.calendarId });
    await google.push();
    await radicale.push();
    const stored = await control.storedEvents(google.ref.remoteId);
    const flights = stored.filter((event) => event.summary === "Flight" && event.status !== "cancelled");
    expect(flights.map((event) => [event.reminders, event.colorId])).toEqual([
      [
        {
          useDefault: false,
          overrides: [
            { method: "popup", minutes: 30 },
            { method: "popup", minutes: 120 },
          ],
        },
        "5",
      ],
    ]);
  });
});

describe("series across providers", () => {
  it("moves a Google series with a moved and a cancelled occurrence to Radicale, occurrences unchanged", async () => {
    const google = await createScenario({ server: servers.google! });
    const radicale = await createScenario({ server: servers.radicale!, userId: google.userId });
    const control = servers.google!.googleControl!;
    const [series] = await control.seedEvents(google.ref.remoteId, [
      {
        summary: "Yoga",
        start: { dateTime: "2026-06-01T18:00:00+02:00", timeZone: "Europe/Berlin" },
        end: { dateTime: "2026-06-01T19:00:00+02:00", timeZone: "Europe/Berlin" },
        recurrence: ["RRULE:FREQ=DAILY;COUNT=4"],
      },
    ]);
    await control.mutate({
      calendarId: google.ref.remoteId,
      action: "patch",
      eventId: `${series!.id}_20260602T160000Z`,
      event: {
        summary: "Yoga (late)",
        start: { dateTime: "2026-06-02T20:00:00+02:00", timeZone: "Europe/Berlin" },
        end: { dateTime: "2026-06-02T21:00:00+02:00", timeZone: "Europe/Berlin" },
      },
    });
    await control.mutate({
      calendarId: google.ref.remoteId,
      action: "delete",
      eventId: `${series!.id}_20260603T160000Z`,
    });
    await google.pull();
    const range = {
      userId: google.userId,
      start: new Date("2026-06-01T00:00:00Z"),
      end: new Date("2026-06-08T00:00:00Z"),
    };
    const shape = (items: Awaited<ReturnType<typeof listOccurrences>>) =>
      items.map((o) => [o.title, o.start, o.end]).sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    const before = shape(await listOccurrences({ ...range, calendarIds: [google.calendarId] }));
    expect(before).toEqual([
      ["Yoga", "2026-06-01T16:00:00Z", "2026-06-01T17:00:00Z"],
      ["Yoga (late)", "2026-06-02T18:00:00Z", "2026-06-02T19:00:00Z"],
      ["Yoga", "2026-06-04T16:00:00Z", "2026-06-04T17:00:00Z"],
    ]);

    const row = await db().event.findFirstOrThrow({ where: { calendarId: google.calendarId, title: "Yoga" } });
    await moveEvent({ userId: google.userId, eventId: row.id, calendarId: radicale.calendarId });
    expect(await radicale.push()).toMatchObject({ pushed: 1, failed: 0 });
    expect(await google.push()).toMatchObject({ pushed: 1, failed: 0 });
    // What Radicale now holds, pulled into a fresh calendar row, expands to the same occurrences.
    await db().calendar.update({ where: { id: radicale.calendarId }, data: { syncToken: null, ctag: null } });
    await radicale.pull();
    expect(shape(await listOccurrences({ ...range, calendarIds: [radicale.calendarId] }))).toEqual(before);
    expect(await control.storedEvents(google.ref.remoteId)).toSatisfy((events: { status?: string }[]) =>
      events.every((event) => event.status === "cancelled"),
    );
  });
});

describe("all-day and zoned series across providers", () => {
  it("moves an all-day event and a Berlin weekly series Radicale -> Google -> Radicale, occurrences unchanged", async () => {
    const radicale = await createScenario({ server: servers.radicale! });
    const google = await createScenario({ server: servers.google!, userId: radicale.userId });
    await radicale.seedRemote(fixture("phone-all-day-long-weekend.ics"), "holiday@example.test");
    await radicale.seedRemote(fixture("phone-berlin-weekly-exdate.ics"), "choir@example.test");
    await radicale.pull();
    const range = {
      userId: radicale.userId,
      start: new Date("2026-06-01T00:00:00Z"),
      end: new Date("2026-11-30T00:00:00Z"),
    };
    const shape = async (calendarId: string) =>
      (await listOccurrences({ ...range, calendarIds: [calendarId] }))
        .map((o) => [o.title, o.start, o.end, o.allDay])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    const expected = [
      ["Long weekend", "2026-06-15", "2026-06-17", true],
      // 19:00 in Berlin: summer time (UTC+2) on the 19th, winter time (UTC+1) after the 25th.
      ["Choir", "2026-10-19T17:00:00Z", "2026-10-19T18:30:00Z", false],
      ["Choir", "2026-11-02T18:00:00Z", "2026-11-02T19:30:00Z", false],
    ];
    expect(await shape(radicale.calendarId)).toEqual(expected);

    const moveAll = async (from: typeof radicale, to: typeof radicale) => {
      for (const row of await db().event.findMany({ where: { calendarId: from.calendarId, deletedLocally: false } })) {
        await moveEvent({ userId: from.userId, eventId: row.id, calendarId: to.calendarId });
      }
      expect(await to.push()).toMatchObject({ pushed: 2, failed: 0 });
      expect(await from.push()).toMatchObject({ pushed: 2, failed: 0 });
      await db().calendar.update({ where: { id: to.calendarId }, data: { syncToken: null, ctag: null } });
      await to.pull();
    };
    await moveAll(radicale, google);
    expect(await shape(google.calendarId)).toEqual(expected);
    await moveAll(google, radicale);
    expect(await shape(radicale.calendarId)).toEqual(expected);
    expect(await radicale.remoteObjects()).toHaveLength(2);
  });
});

describe("refusals", () => {
  it("412 on a stale If-Match, 409 on a read-only calendar, 422 on end <= start, 404 for another user", async () => {
    const s = await createScenario({ server: servers.radicale! });
    const created = await createEvent({ userId: s.userId, input: { calendarId: s.calendarId, ...meeting } });
    await updateEvent({ userId: s.userId, id: created.id, input: { title: "v2" }, ifMatch: `"v${created.version}"` });
    await expect(
      updateEvent({ userId: s.userId, id: created.id, input: { title: "v3" }, ifMatch: `"v${created.version}"` }),
    ).rejects.toMatchObject({
      code: "precondition_failed",
      status: 412,
    });
    await expect(
      createEvent({
        userId: s.userId,
        input: { calendarId: s.calendarId, title: "x", start: meeting.end, end: meeting.start },
      }),
    ).rejects.toMatchObject({ status: 422 });
    const stranger = await db().user.create({ data: { email: `stranger-${Date.now()}@example.test` } });
    await expect(updateEvent({ userId: stranger.id, id: created.id, input: { title: "mine" } })).rejects.toMatchObject({
      status: 404,
    });
    await expect(deleteEvent({ userId: stranger.id, id: created.id })).rejects.toMatchObject({ status: 404 });
    await db().calendar.update({ where: { id: s.calendarId }, data: { readOnly: true } });
    await expect(
      createEvent({ userId: s.userId, input: { calendarId: s.calendarId, ...meeting } }),
    ).rejects.toMatchObject({
      code: "calendar_read_only",
      status: 409,
    });
    await expect(updateEvent({ userId: s.userId, id: created.id, input: { title: "v4" } })).rejects.toMatchObject({
      status: 409,
    });
  });
});
