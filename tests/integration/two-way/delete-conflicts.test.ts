/**
 * Edit against a remote deletion and deletion against a remote edit, on Radicale and the
 * Google fake: both become conflicts (never a silent loss), and their resolutions restore,
 * re-create or delete as chosen.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../../lib/db/client.ts";
import { listConflicts } from "../../../lib/conflicts/list-conflicts.ts";
import { resolveConflict } from "../../../lib/conflicts/resolve-conflict.ts";
import { createEvent } from "../../../lib/events/create-event.ts";
import { deleteEvent } from "../../../lib/events/delete-event.ts";
import { updateEvent } from "../../../lib/events/update-event.ts";
import { extractEventFields } from "../../../lib/ical/extract-event-fields.ts";
import { reconcileWithRemote } from "../../../lib/sync/merge/reconcile-with-remote.ts";
import { createScenario, eventRow, remoteKinds, type Scenario, useTwoWayServers } from "./two-way-harness.ts";

const servers = useTwoWayServers();

const meeting = { title: "Offsite", start: "2026-07-10T08:00:00Z", end: "2026-07-10T16:00:00Z" };

async function syncedEvent(s: Scenario) {
  const created = await createEvent({ userId: s.userId, input: { calendarId: s.calendarId, ...meeting } });
  await s.push();
  return { id: created.id, ref: (await eventRow(created.id)).remoteRef! };
}

async function titles(s: Scenario) {
  return (await s.remoteObjects()).map((o) => extractEventFields(o.ical).title);
}

describe.each(remoteKinds)("deletions against edits on %s", (kind) => {
  it("local edit vs remote delete: conflict edit_delete; keeping mine creates it again", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const { id, ref } = await syncedEvent(s);
    await updateEvent({ userId: s.userId, id, input: { title: "Offsite (agenda)" } });
    await s.remoteDelete(ref);
    expect(await s.push()).toMatchObject({ pushed: 0, conflicts: 1 });
    const [conflict] = await listConflicts({ userId: s.userId, status: "open" });
    expect(conflict).toMatchObject({ kind: "edit_delete", eventId: id, remote: null });
    expect(conflict!.local).toMatchObject({ title: "Offsite (agenda)" });
    expect((await eventRow(id)).syncState).toBe("CONFLICT");

    await resolveConflict({ userId: s.userId, conflictId: conflict!.id, input: { choice: "local" } });
    expect(await s.push()).toMatchObject({ pushed: 1 });
    expect(await titles(s)).toEqual(["Offsite (agenda)"]);
    expect((await eventRow(id)).syncState).toBe("SYNCED");
  });

  it("local edit vs remote delete: keeping theirs hides the event", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const { id, ref } = await syncedEvent(s);
    await updateEvent({ userId: s.userId, id, input: { title: "Offsite (agenda)" } });
    await s.remoteDelete(ref);
    await s.push();
    const [conflict] = await listConflicts({ userId: s.userId, status: "open" });
    await resolveConflict({ userId: s.userId, conflictId: conflict!.id, input: { choice: "remote" } });
    expect(await s.push()).toMatchObject({ pushed: 0 });
    expect(await titles(s)).toEqual([]);
    expect((await eventRow(id)).deletedLocally).toBe(true);
    expect(await db().pendingChange.count({ where: { eventId: id, status: { in: ["PENDING", "HELD"] } } })).toBe(0);
  });

  it("the pull path: a remote deletion meeting a local edit is a conflict too", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const { id, ref } = await syncedEvent(s);
    await updateEvent({ userId: s.userId, id, input: { title: "Offsite (agenda)" } });
    await s.remoteDelete(ref);
    const outcome = await db().$transaction((tx) => reconcileWithRemote({ tx, eventId: id, remote: null }));
    expect(outcome).toBe("conflict");
    expect((await listConflicts({ userId: s.userId, status: "open" }))[0]).toMatchObject({ kind: "edit_delete" });
  });

  it("local delete vs remote edit: conflict delete_edit; keeping theirs restores the event", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const { id, ref } = await syncedEvent(s);
    await deleteEvent({ userId: s.userId, id });
    await s.remoteEdit(ref, { title: "Offsite (moved to Friday)" });
    expect(await s.push()).toMatchObject({ pushed: 0, conflicts: 1 });
    expect(await titles(s)).toEqual(["Offsite (moved to Friday)"]);
    const [conflict] = await listConflicts({ userId: s.userId, status: "open" });
    expect(conflict).toMatchObject({ kind: "delete_edit", local: null });
    expect(conflict!.remote).toMatchObject({ title: "Offsite (moved to Friday)" });

    const { event } = await resolveConflict({
      userId: s.userId,
      conflictId: conflict!.id,
      input: { choice: "remote" },
    });
    expect(event).toMatchObject({ deletedLocally: false, syncState: "SYNCED", title: "Offsite (moved to Friday)" });
    expect(await s.push()).toMatchObject({ pushed: 0 });
    expect(await titles(s)).toEqual(["Offsite (moved to Friday)"]);
  });

  it("local delete vs remote edit: keeping mine deletes the edited version", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const { id, ref } = await syncedEvent(s);
    await deleteEvent({ userId: s.userId, id });
    await s.remoteEdit(ref, { title: "Offsite (moved to Friday)" });
    await s.push();
    const [conflict] = await listConflicts({ userId: s.userId, status: "open" });
    await expect(
      resolveConflict({
        userId: s.userId,
        conflictId: conflict!.id,
        input: { choice: "fields", fields: { title: "local" } },
      }),
    ).rejects.toMatchObject({ status: 422 });
    await resolveConflict({ userId: s.userId, conflictId: conflict!.id, input: { choice: "local" } });
    expect(await s.push()).toMatchObject({ pushed: 1 });
    expect(await titles(s)).toEqual([]);
    expect(await db().event.findUnique({ where: { id } })).toBeNull();
  });

  it("deleted on both sides settles with nothing to ask", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const { id, ref } = await syncedEvent(s);
    await deleteEvent({ userId: s.userId, id });
    await s.remoteDelete(ref);
    await s.push();
    expect(await db().event.findUnique({ where: { id } })).toBeNull();
    expect(await listConflicts({ userId: s.userId })).toHaveLength(0);
  });
});
