/**
 * Concurrent edits on Radicale and the Google fake: disjoint fields merge without a prompt
 * (on the push's 412 and on the pull path), the same field becomes one conflict, and every
 * resolution choice leaves the expected remote and local state.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../../lib/db/client.ts";
import { listConflicts } from "../../../lib/conflicts/list-conflicts.ts";
import { resolveConflict, type ResolveConflictInput } from "../../../lib/conflicts/resolve-conflict.ts";
import { createEvent } from "../../../lib/events/create-event.ts";
import { updateEvent } from "../../../lib/events/update-event.ts";
import { extractEventFields } from "../../../lib/ical/extract-event-fields.ts";
import { reconcileWithRemote } from "../../../lib/sync/merge/reconcile-with-remote.ts";
import { createScenario, eventRow, remoteKinds, type Scenario, useTwoWayServers } from "./two-way-harness.ts";

const servers = useTwoWayServers();

const meeting = { title: "Review", start: "2026-06-01T13:00:00Z", end: "2026-06-01T14:00:00Z", location: "Room 1" };

async function syncedEvent(s: Scenario) {
  const created = await createEvent({ userId: s.userId, input: { calendarId: s.calendarId, ...meeting } });
  await s.push();
  return { id: created.id, ref: (await eventRow(created.id)).remoteRef! };
}

/** A synced event, then a local and a remote edit made concurrently. */
async function editedOnBothSides(
  s: Scenario,
  local: Parameters<typeof updateEvent>[0]["input"],
  remote: Parameters<Scenario["remoteEdit"]>[1],
) {
  const created = await createEvent({ userId: s.userId, input: { calendarId: s.calendarId, ...meeting } });
  await s.push();
  const ref = (await eventRow(created.id)).remoteRef!;
  await updateEvent({ userId: s.userId, id: created.id, input: local });
  await s.remoteEdit(ref, remote);
  return { id: created.id, ref };
}

async function remoteFields(s: Scenario, ref: string) {
  const remote = await s.remoteFetch(ref);
  return remote ? extractEventFields(remote.ical) : null;
}

describe.each(remoteKinds)("concurrent edits on %s", (kind) => {
  it("merges edits of different fields on the push's 412 without a conflict", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const { id, ref } = await editedOnBothSides(s, { title: "Review (final)" }, { location: "Room 2" });
    expect(await s.push()).toEqual({ pushed: 1, conflicts: 0, failed: 0 });
    expect(await remoteFields(s, ref)).toMatchObject({ title: "Review (final)", location: "Room 2" });
    const row = await eventRow(id);
    expect(row).toMatchObject({ title: "Review (final)", location: "Room 2", syncState: "SYNCED" });
    expect(await db().conflict.count({ where: { eventId: id } })).toBe(0);
  });

  it("merges edits of different fields met by a pull", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const { id, ref } = await editedOnBothSides(s, { title: "Review (final)" }, { location: "Room 2" });
    const remote = await s.remoteFetch(ref);
    const outcome = await db().$transaction((tx) => reconcileWithRemote({ tx, eventId: id, remote }));
    expect(outcome).toBe("merged");
    expect(await eventRow(id)).toMatchObject({
      title: "Review (final)",
      location: "Room 2",
      syncState: "PENDING",
      etag: remote!.etag,
    });
    expect(await s.push()).toMatchObject({ pushed: 1, conflicts: 0 });
    expect(await remoteFields(s, ref)).toMatchObject({ title: "Review (final)", location: "Room 2" });
  });

  it("a pull meeting a pending local edit merges disjoint fields and holds a same-field conflict", async () => {
    const s = await createScenario({ server: servers[kind]! });
    await s.pull();
    const merged = await syncedEvent(s);
    const held = await syncedEvent(s);
    await s.pull();
    await updateEvent({ userId: s.userId, id: merged.id, input: { title: "Review (final)" } });
    await s.remoteEdit(merged.ref, { location: "Room 2" });
    await updateEvent({ userId: s.userId, id: held.id, input: { description: "Mine" } });
    await s.remoteEdit(held.ref, { description: "Theirs" });
    expect(await s.pull()).toMatchObject({ conflicts: 1 });
    expect(await eventRow(merged.id)).toMatchObject({
      title: "Review (final)",
      location: "Room 2",
      syncState: "PENDING",
    });
    expect(await eventRow(held.id)).toMatchObject({ description: "Mine", syncState: "CONFLICT" });
    // The held event is not pushed (its entry waits for the person).
    expect(await s.push()).toMatchObject({ pushed: 1, conflicts: 0 });
    expect(await remoteFields(s, merged.ref)).toMatchObject({ title: "Review (final)", location: "Room 2" });
    expect(await remoteFields(s, held.ref)).toMatchObject({ description: "Theirs" });
    // Our own push echoes back on the next pull without disturbing anything.
    await s.pull();
    expect(await eventRow(merged.id)).toMatchObject({
      title: "Review (final)",
      location: "Room 2",
      syncState: "SYNCED",
    });
  });

  it("turns the same field changed differently into one held conflict", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const { id, ref } = await editedOnBothSides(s, { title: "Mine" }, { title: "Theirs" });
    expect(await s.push()).toMatchObject({ pushed: 0, conflicts: 1 });
    expect(await remoteFields(s, ref)).toMatchObject({ title: "Theirs" });
    expect((await eventRow(id)).syncState).toBe("CONFLICT");
    expect(await db().pendingChange.count({ where: { eventId: id, status: "HELD" } })).toBe(1);
    const open = await listConflicts({ userId: s.userId, status: "open" });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ eventId: id, calendarId: s.calendarId, kind: "edit_edit", fields: ["title"] });
    expect(open[0]!.local).toMatchObject({ title: "Mine" });
    expect(open[0]!.remote).toMatchObject({ title: "Theirs" });
    expect(open[0]!.base).toMatchObject({ title: "Review" });
    // Pushing again while held sends nothing.
    expect(await s.push()).toMatchObject({ pushed: 0 });
    expect(await remoteFields(s, ref)).toMatchObject({ title: "Theirs" });
  });

  const resolutions: Array<{
    name: string;
    input: ResolveConflictInput;
    title: string;
    location: string;
    copies: string[];
  }> = [
    { name: "local", input: { choice: "local" }, title: "Mine", location: "Room L", copies: [] },
    { name: "remote", input: { choice: "remote" }, title: "Theirs", location: "Room R", copies: [] },
    {
      name: "fields",
      input: { choice: "fields", fields: { title: "local", location: "remote" } },
      title: "Mine",
      location: "Room R",
      copies: [],
    },
    { name: "both", input: { choice: "both" }, title: "Theirs", location: "Room R", copies: ["Mine"] },
  ];

  it.each(resolutions)("resolves with $name", async ({ input, title, location, copies }) => {
    const s = await createScenario({ server: servers[kind]! });
    const { id, ref } = await editedOnBothSides(
      s,
      { title: "Mine", location: "Room L" },
      { title: "Theirs", location: "Room R" },
    );
    await s.push();
    const [conflict] = await listConflicts({ userId: s.userId, status: "open" });
    expect(conflict!.fields.sort()).toEqual(["location", "title"]);
    const stranger = await db().user.create({ data: { email: `s-${Date.now()}-${Math.random()}@example.test` } });
    await expect(resolveConflict({ userId: stranger.id, conflictId: conflict!.id, input })).rejects.toMatchObject({
      status: 404,
    });

    const result = await resolveConflict({ userId: s.userId, conflictId: conflict!.id, input });
    expect(result.event).toMatchObject({ title, location });
    expect(result.copy?.title ? [result.copy.title] : []).toEqual(copies);
    await s.push();
    expect(await remoteFields(s, ref)).toMatchObject({ title, location });
    expect(await eventRow(id)).toMatchObject({ title, location, syncState: "SYNCED" });
    const remoteTitles = (await s.remoteObjects()).map((o) => extractEventFields(o.ical).title).sort();
    expect(remoteTitles).toEqual([title, ...copies].sort());
    // Both originals stay on the resolved conflict.
    const stored = await db().conflict.findUniqueOrThrow({ where: { id: conflict!.id } });
    expect(stored.status).toBe("RESOLVED");
    expect(extractEventFields(stored.localIcal!).title).toBe("Mine");
    expect(extractEventFields(stored.remoteIcal!).title).toBe("Theirs");
    await expect(resolveConflict({ userId: s.userId, conflictId: conflict!.id, input })).rejects.toMatchObject({
      code: "already_resolved",
      status: 409,
    });
    expect(await listConflicts({ userId: s.userId, status: "open" })).toHaveLength(0);
  });
});
