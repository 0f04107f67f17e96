/**
 * CalDAV pull against real Radicale and Xandikos: the full listing, incremental pulls after
 * another client changes things, refused tokens, and the ctag path for servers without
 * sync-collection.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaldavProvider } from "../../../lib/providers/caldav.ts";
import { CursorExpired } from "../../../lib/providers/errors.ts";
import type { CalendarProvider, CalendarRef, PullResult, RemoteChange } from "../../../lib/providers/types.ts";
import { getObject } from "../../helpers/caldav-client.ts";
import {
  caldavServerKinds,
  eventFixtureNames,
  readEventFixture,
  simpleEvent,
  startCaldavTarget,
  type CaldavTarget,
} from "../../helpers/caldav-servers.ts";

function byRef(changes: RemoteChange[]): Map<string, RemoteChange> {
  return new Map(changes.map((c) => [c.ref, c]));
}

function upserts(result: PullResult) {
  return result.changes.flatMap((c) => (c.type === "upsert" ? [c] : []));
}

describe.each(caldavServerKinds)("CalDAV pull on %s", (kind) => {
  let target: CaldavTarget;
  let provider: CalendarProvider;
  let calendar: CalendarRef;
  let workPath: string;

  beforeAll(async () => {
    target = await startCaldavTarget(kind);
    provider = createCaldavProvider({
      serverUrl: target.serverUrl,
      username: target.username,
      password: target.password,
    });
    workPath = new URL(target.calendarUrl).pathname;
    calendar = { remoteId: workPath, remoteUrl: target.calendarUrl, supportsSyncCollection: true };
    for (const name of eventFixtureNames) {
      await target.putAsOtherClient({ name, ical: await readEventFixture(name) });
    }
  });
  afterAll(async () => {
    await target?.stop();
  });

  it("lists every event of the calendar in one full listing, with etags as the server sends them", async () => {
    const result = await provider.pull({ calendar, cursor: null });
    expect(result.isFullListing).toBe(true);
    expect(result.cursor.syncToken).toBeTruthy();
    // The collection syncs by token, so the ctag (another pass over it on the server) is not asked for.
    expect(result.cursor.ctag).toBeNull();
    const listed = upserts(result);
    expect(listed.map((c) => c.ref).sort()).toEqual(eventFixtureNames.map((n) => `${workPath}${n}`).sort());
    for (const change of listed) {
      const name = change.ref.slice(workPath.length);
      const direct = await getObject({ url: `${target.calendarUrl}${name}`, auth: target.auth });
      expect(change.etag).toBe(direct.etag);
      expect(change.etag).toMatch(/^(W\/)?"/);
    }
    const all = byRef(listed);
    const nonAscii = all.get(`${workPath}non-ascii.ics`);
    expect(nonAscii?.type === "upsert" && nonAscii.ical).toContain("Café mit Jürgen — 会議 🎉");
    expect(nonAscii?.type === "upsert" && nonAscii.ical).toContain("UID:non-ascii-äöü@concord.test");
    const recurring = all.get(`${workPath}recurring-with-override.ics`);
    const recurringIcal = recurring?.type === "upsert" ? recurring.ical : "";
    // The master and its override stay one resource (RFC 4791 §4.1).
    expect(recurringIcal.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(recurringIcal).toContain("RECURRENCE-ID;TZID=America/New_York:20260323T100000");
    // Servers may reorder RRULE parts (Xandikos does), so check the parts.
    expect(recurringIcal).toMatch(/RRULE:FREQ=WEEKLY;(?=.*COUNT=10)(?=.*BYDAY=MO)/);
    const zoned = all.get(`${workPath}zoned.ics`);
    expect(zoned?.type === "upsert" && zoned.ical).toContain("DTSTART;TZID=Europe/Berlin:20260329T013000");
    const floating = all.get(`${workPath}floating.ics`);
    expect(floating?.type === "upsert" && floating.ical).toMatch(/DTSTART:20260306T070000\r?\n/);
    const allDay = all.get(`${workPath}all-day.ics`);
    expect(allDay?.type === "upsert" && allDay.ical).toContain("DTSTART;VALUE=DATE:20260310");
  });

  it("returns only what another client added, edited and deleted since the cursor", async () => {
    const first = await provider.pull({ calendar, cursor: null });
    await target.putAsOtherClient({
      name: "phone-new.ics",
      ical: simpleEvent({ uid: "phone-new", summary: "Dentist" }),
    });
    await target.putAsOtherClient({
      name: "timed-utc.ics",
      ical: simpleEvent({ uid: "timed-utc@concord.test", summary: "Standup (moved)" }),
    });
    await target.deleteAsOtherClient({ name: "floating.ics" });

    const second = await provider.pull({ calendar, cursor: first.cursor });
    expect(second.isFullListing).toBe(false);
    expect(second.unchanged).toBe(false);
    expect(second.cursor.syncToken).toBeTruthy();
    expect(second.cursor.syncToken).not.toBe(first.cursor.syncToken);
    const changes = byRef(second.changes);
    expect([...changes.keys()].sort()).toEqual(
      [`${workPath}floating.ics`, `${workPath}phone-new.ics`, `${workPath}timed-utc.ics`].sort(),
    );
    expect(changes.get(`${workPath}floating.ics`)).toEqual({ type: "delete", ref: `${workPath}floating.ics` });
    const edited = changes.get(`${workPath}timed-utc.ics`);
    expect(edited?.type === "upsert" && edited.ical).toContain("SUMMARY:Standup (moved)");
    const added = changes.get(`${workPath}phone-new.ics`);
    const direct = await getObject({ url: `${target.calendarUrl}phone-new.ics`, auth: target.auth });
    expect(added?.type === "upsert" && added.etag).toBe(direct.etag);

    const third = await provider.pull({ calendar, cursor: second.cursor });
    expect(third.changes).toEqual([]);
    expect(third.unchanged).toBe(true);
    expect(third.isFullListing).toBe(false);
  });

  it("lists only events, and reports a task in a sync delta as absent", async () => {
    const mixedUrl = await target.addCalendar({ name: "mixed", components: ["VEVENT", "VTODO"] });
    const mixed: CalendarRef = { remoteId: new URL(mixedUrl).pathname, remoteUrl: mixedUrl };
    const task = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//t//EN",
      "BEGIN:VTODO",
      "UID:task-1",
      "DTSTAMP:20260301T120000Z",
      "SUMMARY:Buy milk",
      "END:VTODO",
      "END:VCALENDAR",
      "",
    ].join("\r\n");
    await target.putAsOtherClient({ calendarUrl: mixedUrl, name: "task-1.ics", ical: task });
    await target.putAsOtherClient({
      calendarUrl: mixedUrl,
      name: "event-1.ics",
      ical: simpleEvent({ uid: "event-1" }),
    });
    const first = await provider.pull({ calendar: mixed, cursor: null });
    expect(first.changes.map((c) => c.ref)).toEqual([`${mixed.remoteId}event-1.ics`]);

    await target.putAsOtherClient({
      calendarUrl: mixedUrl,
      name: "task-2.ics",
      ical: task.replace("task-1", "task-2"),
    });
    const second = await provider.pull({ calendar: mixed, cursor: first.cursor });
    expect(second.changes).toEqual([{ type: "delete", ref: `${mixed.remoteId}task-2.ics` }]);
  });

  it("throws CursorExpired for a token the server does not know", async () => {
    const unknownToken =
      kind === "radicale"
        ? `http://radicale.org/ns/sync/${"0".repeat(64)}`
        : "0123456789abcdef0123456789abcdef01234567";
    await expect(provider.pull({ calendar, cursor: { syncToken: unknownToken } })).rejects.toBeInstanceOf(
      CursorExpired,
    );
    // The collection still answers a full listing after the refused token.
    const listing = await provider.pull({ calendar, cursor: null });
    expect(listing.isFullListing).toBe(true);
    expect(listing.changes.length).toBeGreaterThan(0);
  });

  it("uses the ctag when sync-collection is not used: unchanged, then a full listing after a change", async () => {
    const noSync: CalendarRef = { ...calendar, supportsSyncCollection: false };
    const first = await provider.pull({ calendar: noSync, cursor: null });
    expect(first.isFullListing).toBe(true);
    expect(first.cursor.ctag).toBeTruthy();

    const probe = await provider.pull({ calendar: noSync, cursor: { ctag: first.cursor.ctag } });
    expect(probe).toEqual({
      changes: [],
      cursor: { ctag: first.cursor.ctag },
      isFullListing: false,
      unchanged: true,
      requests: 1,
    });

    await target.putAsOtherClient({ name: "ctag-new.ics", ical: simpleEvent({ uid: "ctag-new" }) });
    const after = await provider.pull({ calendar: noSync, cursor: { ctag: first.cursor.ctag } });
    expect(after.isFullListing).toBe(true);
    expect(after.cursor.ctag).not.toBe(first.cursor.ctag);
    expect(after.changes.map((c) => c.ref)).toContain(`${workPath}ctag-new.ics`);
    expect(after.changes).toHaveLength(first.changes.length + 1);
    // The probe request plus the calendar-query: the state is not read twice.
    expect(after.requests).toBe(2);
  });

  it("fetches one event by ref, and null once it is gone", async () => {
    const object = await provider.fetchEvent({ calendar, ref: `${workPath}all-day.ics` });
    expect(object?.ref).toBe(`${workPath}all-day.ics`);
    expect(object?.ical).toContain("UID:all-day@concord.test");
    const direct = await getObject({ url: `${target.calendarUrl}all-day.ics`, auth: target.auth });
    expect(object?.etag).toBe(direct.etag);
    expect(await provider.fetchEvent({ calendar, ref: `${workPath}does-not-exist.ics` })).toBeNull();
  });
});
