/**
 * Conditional writes against real Radicale and Xandikos: create with If-None-Match: *,
 * update and delete with If-Match, 412s, already-deleted objects, and the DTEND rule iCloud
 * needs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaldavProvider } from "../../../lib/providers/caldav.ts";
import { GoneRemotely, PreconditionFailed } from "../../../lib/providers/errors.ts";
import type { CalendarProvider, CalendarRef } from "../../../lib/providers/types.ts";
import { getObject } from "../../helpers/caldav-client.ts";
import { caldavServerKinds, simpleEvent, startCaldavTarget, type CaldavTarget } from "../../helpers/caldav-servers.ts";

describe.each(caldavServerKinds)("CalDAV writes on %s", (kind) => {
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
  });
  afterAll(async () => {
    await target?.stop();
  });

  it("creates under the suggested name, and refuses to create the same name twice", async () => {
    const created = await provider.createEvent({
      calendar,
      ical: simpleEvent({ uid: "create-1", summary: "Lunch" }),
      uid: "create-1",
      suggestedRef: "create-1",
    });
    expect(created.ref).toBe(`${workPath}create-1.ics`);
    const stored = await getObject({ url: `${target.calendarUrl}create-1.ics`, auth: target.auth });
    expect(stored.status).toBe(200);
    expect(stored.body).toContain("SUMMARY:Lunch");
    expect(created.etag).toBe(stored.etag);

    await expect(
      provider.createEvent({
        calendar,
        ical: simpleEvent({ uid: "create-1", summary: "Again" }),
        uid: "create-1",
        suggestedRef: "create-1",
      }),
    ).rejects.toBeInstanceOf(PreconditionFailed);
    const unchanged = await getObject({ url: `${target.calendarUrl}create-1.ics`, auth: target.auth });
    expect(unchanged.body).toContain("SUMMARY:Lunch");
  });

  it("encodes names with reserved characters and pulls them back under the same ref", async () => {
    const created = await provider.createEvent({
      calendar,
      ical: simpleEvent({ uid: "odd name" }),
      uid: "odd name",
      suggestedRef: "odd name@home",
    });
    expect(created.ref).toBe(`${workPath}odd%20name@home.ics`);
    const listing = await provider.pull({ calendar, cursor: null });
    expect(listing.changes.map((c) => c.ref)).toContain(created.ref);
    const fetched = await provider.fetchEvent({ calendar, ref: created.ref });
    expect(fetched?.ical).toContain("UID:odd name");
  });

  it("updates with If-Match, and refuses a stale etag", async () => {
    const created = await provider.createEvent({
      calendar,
      ical: simpleEvent({ uid: "update-1" }),
      uid: "update-1",
      suggestedRef: "update-1",
    });
    const updated = await provider.updateEvent({
      calendar,
      ref: created.ref,
      ical: simpleEvent({ uid: "update-1", summary: "Renamed" }),
      etag: created.etag,
      fields: ["summary"],
    });
    expect(updated.ref).toBe(created.ref);
    expect(updated.etag).not.toBe(created.etag);
    const stored = await getObject({ url: `${target.calendarUrl}update-1.ics`, auth: target.auth });
    expect(stored.body).toContain("SUMMARY:Renamed");
    expect(updated.etag).toBe(stored.etag);

    await expect(
      provider.updateEvent({
        calendar,
        ref: created.ref,
        ical: simpleEvent({ uid: "update-1", summary: "Lost" }),
        etag: created.etag,
        fields: ["summary"],
      }),
    ).rejects.toBeInstanceOf(PreconditionFailed);
    await expect(
      provider.updateEvent({
        calendar,
        ref: created.ref,
        ical: simpleEvent({ uid: "update-1", summary: "Blind" }),
        etag: null,
        fields: ["summary"],
      }),
    ).rejects.toBeInstanceOf(PreconditionFailed);
    const after = await getObject({ url: `${target.calendarUrl}update-1.ics`, auth: target.auth });
    expect(after.body).toContain("SUMMARY:Renamed");
  });

  it("reports an update of an object another client deleted as a failed precondition", async () => {
    const created = await provider.createEvent({
      calendar,
      ical: simpleEvent({ uid: "gone-1" }),
      uid: "gone-1",
      suggestedRef: "gone-1",
    });
    await target.deleteAsOtherClient({ name: "gone-1.ics" });
    const error = await provider
      .updateEvent({
        calendar,
        ref: created.ref,
        ical: simpleEvent({ uid: "gone-1", summary: "x" }),
        etag: created.etag,
        fields: [],
      })
      .catch((e: unknown) => e);
    // RFC 9110 §13.1.1: If-Match on a missing resource is a 412 (both servers); a server that
    // answers 404 instead gives GoneRemotely (caldav-faults.test.ts).
    expect(error).toBeInstanceOf(PreconditionFailed);
    expect(error).not.toBeInstanceOf(GoneRemotely);
    const stored = await getObject({ url: `${target.calendarUrl}gone-1.ics`, auth: target.auth });
    expect(stored.status).toBe(404);
  });

  it("deletes with If-Match, refuses a stale etag, and counts an already deleted object as done", async () => {
    const created = await provider.createEvent({
      calendar,
      ical: simpleEvent({ uid: "delete-1" }),
      uid: "delete-1",
      suggestedRef: "delete-1",
    });
    const updated = await provider.updateEvent({
      calendar,
      ref: created.ref,
      ical: simpleEvent({ uid: "delete-1", summary: "v2" }),
      etag: created.etag,
      fields: ["summary"],
    });
    await expect(provider.deleteEvent({ calendar, ref: created.ref, etag: created.etag })).rejects.toBeInstanceOf(
      PreconditionFailed,
    );
    expect((await getObject({ url: `${target.calendarUrl}delete-1.ics`, auth: target.auth })).status).toBe(200);

    await provider.deleteEvent({ calendar, ref: created.ref, etag: updated.etag });
    expect((await getObject({ url: `${target.calendarUrl}delete-1.ics`, auth: target.auth })).status).toBe(404);
    await expect(provider.deleteEvent({ calendar, ref: created.ref, etag: updated.etag })).resolves.toBeUndefined();
    expect(await provider.fetchEvent({ calendar, ref: created.ref })).toBeNull();
  });

  it("adds DTEND to an event without one when the preset requires it (iCloud)", async () => {
    const strict = createCaldavProvider({
      serverUrl: target.serverUrl,
      username: target.username,
      password: target.password,
      requireDtend: true,
    });
    const withoutEnd = simpleEvent({ uid: "no-end", start: "20260402T090000Z" }).replace(
      /DTEND:[^\r]*\r\n/,
      "DURATION:PT45M\r\n",
    );
    expect(withoutEnd).not.toContain("DTEND");
    const created = await strict.createEvent({ calendar, ical: withoutEnd, uid: "no-end", suggestedRef: "no-end" });
    const stored = await strict.fetchEvent({ calendar, ref: created.ref });
    expect(stored?.ical).toMatch(/DTEND:20260402T094500Z/);
    expect(stored?.ical).not.toContain("DURATION");

    const allDay = simpleEvent({ uid: "no-end-day" })
      .replace(/DTSTART:[^\r]*/, "DTSTART;VALUE=DATE:20260403")
      .replace(/DTEND:[^\r]*\r\n/, "");
    const createdDay = await strict.createEvent({
      calendar,
      ical: allDay,
      uid: "no-end-day",
      suggestedRef: "no-end-day",
    });
    const storedDay = await strict.fetchEvent({ calendar, ref: createdDay.ref });
    expect(storedDay?.ical).toContain("DTEND;VALUE=DATE:20260404");
  });
});
