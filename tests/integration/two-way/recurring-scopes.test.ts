/**
 * Editing and deleting occurrences of a series with each scope (docs/api.md: this | following |
 * all) on Radicale and the Google fake: the remote ends up with the occurrences a person
 * would expect, seen by another client after the push.
 */
import { describe, expect, it } from "vitest";
import { createEvent } from "../../../lib/events/create-event.ts";
import { deleteEvent } from "../../../lib/events/delete-event.ts";
import { updateEvent } from "../../../lib/events/update-event.ts";
import { expandOccurrences } from "../../../lib/ical/expand-occurrences.ts";
import { createScenario, eventRow, remoteKinds, type Scenario, useTwoWayServers } from "./two-way-harness.ts";

const servers = useTwoWayServers();

// Five daily occurrences at 11:00 Berlin (09:00Z in September).
const series = {
  title: "Sprint",
  start: "2026-09-07T09:00:00Z",
  end: "2026-09-07T09:30:00Z",
  timeZone: "Europe/Berlin",
  recurrence: ["RRULE:FREQ=DAILY;COUNT=5"],
};
const day = (n: number) => `2026-09-${String(6 + n).padStart(2, "0")}T09:00:00Z`;

async function syncedSeries(s: Scenario) {
  const created = await createEvent({ userId: s.userId, input: { calendarId: s.calendarId, ...series } });
  expect(await s.push()).toMatchObject({ pushed: 1 });
  return created.id;
}

/** Every occurrence on the remote, across all its objects, as "start title" sorted. */
async function remoteOccurrences(s: Scenario): Promise<string[]> {
  const objects = await s.remoteObjects();
  return objects
    .flatMap((o) =>
      expandOccurrences({ ical: o.ical, rangeStart: "2026-09-01T00:00:00Z", rangeEnd: "2026-10-01T00:00:00Z" }),
    )
    .map((o) => `${o.start} ${o.fields.title}`)
    .sort();
}

describe.each(remoteKinds)("recurring edits on %s", (kind) => {
  it("scope=this edits one occurrence as an override", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const id = await syncedSeries(s);
    await updateEvent({
      userId: s.userId,
      id: `${id}:${day(3)}`,
      scope: "this",
      input: { title: "Sprint review", start: "2026-09-09T12:00:00Z", end: "2026-09-09T13:00:00Z" },
    });
    expect(await s.push()).toMatchObject({ pushed: 1, conflicts: 0 });
    expect(await remoteOccurrences(s)).toEqual([
      `${day(1)} Sprint`,
      `${day(2)} Sprint`,
      `2026-09-09T12:00:00Z Sprint review`,
      `${day(4)} Sprint`,
      `${day(5)} Sprint`,
    ]);
    expect((await eventRow(id)).syncState).toBe("SYNCED");
  });

  it("an occurrence id the series does not have is 404, and nothing is queued", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const id = await syncedSeries(s);
    await deleteEvent({ userId: s.userId, id: `${id}:${day(2)}`, scope: "this" });
    const version = (await eventRow(id)).version;
    const gone = `${id}:${day(2)}`;
    const never = `${id}:2026-09-08T09:30:00Z`;
    for (const occurrenceId of [gone, never]) {
      await expect(updateEvent({ userId: s.userId, id: occurrenceId, input: { title: "x" } })).rejects.toMatchObject({
        status: 404,
      });
      await expect(deleteEvent({ userId: s.userId, id: occurrenceId })).rejects.toMatchObject({ status: 404 });
    }
    expect((await eventRow(id)).version).toBe(version);
  });

  it("scope=this deletes one occurrence", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const id = await syncedSeries(s);
    await deleteEvent({ userId: s.userId, id: `${id}:${day(2)}`, scope: "this" });
    await s.push();
    expect(await remoteOccurrences(s)).toEqual([day(1), day(3), day(4), day(5)].map((d) => `${d} Sprint`));
  });

  it("scope=following splits the series: the old one ends, a new one carries the edit", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const id = await syncedSeries(s);
    const second = await updateEvent({
      userId: s.userId,
      id: `${id}:${day(4)}`,
      scope: "following",
      input: { title: "Sprint (new format)" },
    });
    expect(second.id).not.toBe(id);
    expect(second.uid).not.toBe((await eventRow(id)).uid);
    expect(await s.push()).toMatchObject({ pushed: 2 });
    expect(await s.remoteObjects()).toHaveLength(2);
    expect(await remoteOccurrences(s)).toEqual([
      `${day(1)} Sprint`,
      `${day(2)} Sprint`,
      `${day(3)} Sprint`,
      `${day(4)} Sprint (new format)`,
      `${day(5)} Sprint (new format)`,
    ]);
  });

  it("scope=following deletes the rest of the series", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const id = await syncedSeries(s);
    await deleteEvent({ userId: s.userId, id: `${id}:${day(3)}`, scope: "following" });
    await s.push();
    expect(await remoteOccurrences(s)).toEqual([`${day(1)} Sprint`, `${day(2)} Sprint`]);
  });

  it("scope=all from an occurrence edits the master and moves every occurrence by the same amount", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const id = await syncedSeries(s);
    await updateEvent({
      userId: s.userId,
      id: `${id}:${day(2)}`,
      scope: "all",
      input: { title: "Sprint sync", start: "2026-09-08T10:00:00Z", end: "2026-09-08T10:30:00Z" },
    });
    await s.push();
    expect(await remoteOccurrences(s)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `${day(n).replace("T09", "T10")} Sprint sync`),
    );
  });
});

// CalDAV only: on Google the converted payload carries each member's etag (X-CONCORD-GOOGLE-ETAG),
// which the unmodelled-part comparison of lib/ical does not yet ignore, so this case is held as
// an "other" conflict there instead of merging.
describe("recurring merge on radicale", () => {
  it("a local occurrence edit and a remote edit of the series merge without a conflict", async () => {
    const s = await createScenario({ server: servers.radicale! });
    const id = await syncedSeries(s);
    const ref = (await eventRow(id)).remoteRef!;
    await updateEvent({ userId: s.userId, id: `${id}:${day(2)}`, scope: "this", input: { title: "Sprint demo" } });
    await s.remoteEdit(ref, { location: "Room 5" });
    expect(await s.push()).toMatchObject({ pushed: 1, conflicts: 0 });
    const objects = await s.remoteObjects();
    const occurrences = expandOccurrences({
      ical: objects[0]!.ical,
      rangeStart: "2026-09-01T00:00:00Z",
      rangeEnd: "2026-10-01T00:00:00Z",
    });
    // An override replaces its whole occurrence (RFC 5545 §3.8.4.4): it keeps the location it was written with.
    expect(occurrences.map((o) => `${o.fields.title} @ ${o.fields.location}`)).toEqual([
      "Sprint @ Room 5",
      "Sprint demo @ null",
      "Sprint @ Room 5",
      "Sprint @ Room 5",
      "Sprint @ Room 5",
    ]);
  });
});
