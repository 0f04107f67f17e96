import { describe, expect, it } from "vitest";
import { GoneRemotely, PreconditionFailed, WriteForbidden } from "../../../lib/providers/errors.ts";
import type { RemoteChange } from "../../../lib/providers/types.ts";
import { CALENDAR_ID, googleFixture, setupGoogleProvider } from "../../fakes/google/setup-google-provider.ts";

const g = setupGoogleProvider();
const calendar = { remoteId: CALENDAR_ID };

const NEW_EVENT = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//Concord//Test//EN",
  "BEGIN:VEVENT",
  "UID:6b0f2c1e-8d7a-4b7e-9c55-2f1d3e4a5b6c",
  "DTSTAMP:20260301T000000Z",
  "DTSTART;TZID=Europe/Berlin:20260310T090000",
  "DTEND;TZID=Europe/Berlin:20260310T100000",
  "SUMMARY:Planning\\, round 2",
  "RRULE:FREQ=DAILY;COUNT=3",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:6b0f2c1e-8d7a-4b7e-9c55-2f1d3e4a5b6c",
  "DTSTAMP:20260301T000000Z",
  "RECURRENCE-ID;TZID=Europe/Berlin:20260311T090000",
  "DTSTART;TZID=Europe/Berlin:20260311T140000",
  "DTEND;TZID=Europe/Berlin:20260311T150000",
  "SUMMARY:Planning (moved)",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

async function pulledIcal(ref: string): Promise<Extract<RemoteChange, { type: "upsert" }>> {
  const result = await g.provider.pull({ calendar, cursor: null });
  const change = result.changes.find((c) => c.ref === ref);
  if (change?.type !== "upsert") throw new Error(`no upsert for ${ref}`);
  return change;
}

describe("Google adapter writes", () => {
  it("creates with a client id from suggestedRef, including an override; a repeated create is PreconditionFailed", async () => {
    const params = {
      calendar,
      ical: NEW_EVENT,
      uid: "6b0f2c1e-8d7a-4b7e-9c55-2f1d3e4a5b6c",
      suggestedRef: "6b0f2c1e-8d7a-4b7e-9c55-2f1d3e4a5b6c",
    };
    const created = await g.provider.createEvent(params);
    expect(created.ref).toBe("6b0f2c1e8d7a4b7e9c552f1d3e4a5b6c");
    expect(created.ical).toContain("RECURRENCE-ID;TZID=Europe/Berlin:20260311T090000");
    const stored = await g.fake.control.storedEvents(CALENDAR_ID);
    expect(stored.find((e) => e.id === created.ref)).toMatchObject({
      iCalUID: params.uid,
      summary: "Planning, round 2",
      start: { timeZone: "Europe/Berlin" },
      recurrence: ["RRULE:FREQ=DAILY;COUNT=3"],
    });
    expect(stored.find((e) => e.id === `${created.ref}_20260311T080000Z`)).toMatchObject({
      summary: "Planning (moved)",
      start: { dateTime: "2026-03-11T14:00:00+01:00" },
    });
    await expect(g.provider.createEvent(params)).rejects.toBeInstanceOf(PreconditionFailed);
    expect((await pulledIcal(created.ref)).etag).toBe(created.etag);
  });

  it("patches only the changed fields with If-Match and keeps every unmodelled Google field", async () => {
    const [rich] = await g.fake.control.seedEvents(CALENDAR_ID, [googleFixture("rich-event")]);
    const pulled = await pulledIcal(rich?.id ?? "");
    expect(pulled.ical).toContain("X-CONCORD-GOOGLE");
    const edited = pulled.ical.replace("SUMMARY:Quarterly review", "SUMMARY:Quarterly review (moved)");
    await g.fake.control.clearRequests();
    const result = await g.provider.updateEvent({
      calendar,
      ref: pulled.ref,
      ical: edited,
      etag: pulled.etag,
      fields: ["title"],
    });
    const { requests } = await g.fake.control.requests();
    expect(requests.map((r) => r.method)).toEqual(["PATCH"]);
    const [after] = await g.fake.control.storedEvents(CALENDAR_ID);
    const { etag: _e, updated: _u, summary, deleted: _d, ...restAfter } = after ?? ({} as never);
    const { etag: _e2, updated: _u2, summary: before, ...restBefore } = rich ?? ({} as never);
    expect(summary).toBe("Quarterly review (moved)");
    expect(before).toBe("Quarterly review");
    expect(restAfter).toEqual(restBefore);
    expect(result.etag).toBe(after?.etag);
    expect(result.ical).toContain("SUMMARY:Quarterly review (moved)");
  });

  it("round-trips a whole event through iCalendar unchanged when every field is sent", async () => {
    const [rich] = await g.fake.control.seedEvents(CALENDAR_ID, [googleFixture("rich-event")]);
    const pulled = await pulledIcal(rich?.id ?? "");
    await g.provider.updateEvent({ calendar, ref: pulled.ref, ical: pulled.ical, etag: pulled.etag, fields: [] });
    const [after] = await g.fake.control.storedEvents(CALENDAR_ID);
    for (const field of [
      "summary",
      "description",
      "location",
      "start",
      "end",
      "colorId",
      "transparency",
      "visibility",
      "attendees",
      "reminders",
      "conferenceData",
      "extendedProperties",
      "guestsCanModify",
      "source",
      "futureGoogleField",
    ]) {
      expect(after?.[field], field).toEqual(rich?.[field]);
    }
  });

  it("raises PreconditionFailed when another client changed the event, for update and delete", async () => {
    const [single] = await g.fake.control.seedEvents(CALENDAR_ID, [googleFixture("rich-event")]);
    const pulled = await pulledIcal(single?.id ?? "");
    await g.fake.control.mutate({
      calendarId: CALENDAR_ID,
      action: "patch",
      eventId: single?.id,
      event: { summary: "Changed in Google" },
    });
    const edited = pulled.ical.replace("SUMMARY:Quarterly review", "SUMMARY:Mine");
    await expect(
      g.provider.updateEvent({ calendar, ref: pulled.ref, ical: edited, etag: pulled.etag, fields: ["title"] }),
    ).rejects.toBeInstanceOf(PreconditionFailed);
    await expect(g.provider.deleteEvent({ calendar, ref: pulled.ref, etag: pulled.etag })).rejects.toBeInstanceOf(
      PreconditionFailed,
    );
    const fresh = await g.provider.fetchEvent({ calendar, ref: pulled.ref });
    expect(fresh?.ical).toContain("SUMMARY:Changed in Google");
    await g.provider.deleteEvent({ calendar, ref: pulled.ref, etag: fresh?.etag ?? null });
    await g.provider.deleteEvent({ calendar, ref: pulled.ref, etag: fresh?.etag ?? null });
    await g.provider.deleteEvent({ calendar, ref: "unknown00001", etag: null });
    expect(await g.provider.fetchEvent({ calendar, ref: pulled.ref })).toBeNull();
    await expect(
      g.provider.updateEvent({ calendar, ref: pulled.ref, ical: edited, etag: null, fields: ["title"] }),
    ).rejects.toBeInstanceOf(GoneRemotely);
  });

  it("edits one occurrence of a series as an exception and cancels another through EXDATE-style overrides", async () => {
    const [series] = await g.fake.control.seedEvents(CALENDAR_ID, [googleFixture("weekly-series")]);
    const pulled = await pulledIcal(series?.id ?? "");
    const override = [
      "BEGIN:VEVENT",
      `UID:${series?.iCalUID}`,
      "DTSTAMP:20260301T000000Z",
      "RECURRENCE-ID;TZID=Europe/Berlin:20260304T090000",
      "DTSTART;TZID=Europe/Berlin:20260304T100000",
      "DTEND;TZID=Europe/Berlin:20260304T101500",
      "SUMMARY:Team standup (late)",
      "END:VEVENT",
      "BEGIN:VEVENT",
      `UID:${series?.iCalUID}`,
      "DTSTAMP:20260301T000000Z",
      "RECURRENCE-ID;TZID=Europe/Berlin:20260309T090000",
      "DTSTART;TZID=Europe/Berlin:20260309T090000",
      "DTEND;TZID=Europe/Berlin:20260309T091500",
      "STATUS:CANCELLED",
      "END:VEVENT",
      "END:VCALENDAR",
    ].join("\r\n");
    const edited = pulled.ical.replace("END:VCALENDAR", override);
    const result = await g.provider.updateEvent({
      calendar,
      ref: pulled.ref,
      ical: edited,
      etag: pulled.etag,
      fields: [],
    });
    expect(result.ical).toContain("DTSTART;TZID=Europe/Berlin:20260304T100000");
    expect(result.ical).toContain("EXDATE;TZID=Europe/Berlin:20260309T090000");
    const stored = await g.fake.control.storedEvents(CALENDAR_ID);
    expect(stored.find((e) => e.id === `${series?.id}_20260309T080000Z`)?.status).toBe("cancelled");
    expect(stored.find((e) => e.id === `${series?.id}_20260304T080000Z`)?.summary).toBe("Team standup (late)");
  });

  it("switches a timed event to all-day and reads Windows TZIDs as IANA zones", async () => {
    const windows = NEW_EVENT.replace(/Europe\/Berlin/g, "W. Europe Standard Time");
    const created = await g.provider.createEvent({ calendar, ical: windows, uid: "win-1", suggestedRef: "win00001" });
    const stored = await g.fake.control.storedEvents(CALENDAR_ID);
    expect(stored.find((e) => e.id === created.ref)?.start).toEqual({
      dateTime: "2026-03-10T09:00:00+01:00",
      timeZone: "Europe/Berlin",
    });
    const allDay = (created.ical ?? "")
      .replace(/DTSTART;TZID=Europe\/Berlin:20260310T090000/, "DTSTART;VALUE=DATE:20260310")
      .replace(/DTEND;TZID=Europe\/Berlin:20260310T100000/, "DTEND;VALUE=DATE:20260311");
    await g.provider.updateEvent({
      calendar,
      ref: created.ref,
      ical: allDay,
      etag: created.etag,
      fields: ["start", "end", "allDay"],
    });
    const after = (await g.fake.control.storedEvents(CALENDAR_ID)).find((e) => e.id === created.ref);
    expect(after?.start).toEqual({ date: "2026-03-10" });
    expect(after?.end).toEqual({ date: "2026-03-11" });
  });

  it("refuses writes to a read-only calendar with WriteForbidden and lists it as readOnly", async () => {
    await g.fake.control.addCalendar({
      id: "team@example.com",
      summary: "Team",
      backgroundColor: "#16a765",
      access: { "user@example.com": "reader" },
    });
    expect(await g.provider.listCalendars()).toEqual([
      { remoteId: CALENDAR_ID, name: "Me", color: "#9fc6e7", timeZone: "Europe/Berlin", readOnly: false },
      { remoteId: "team@example.com", name: "Team", color: "#16a765", timeZone: "UTC", readOnly: true },
    ]);
    await expect(
      g.provider.createEvent({
        calendar: { remoteId: "team@example.com" },
        ical: NEW_EVENT,
        uid: "u1",
        suggestedRef: "concordref1",
      }),
    ).rejects.toBeInstanceOf(WriteForbidden);
  });
});
