/**
 * The push, merge and resolution path on PostgreSQL (the other suites use PGlite): interactive
 * transactions through @prisma/adapter-pg against a real Radicale.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listConflicts } from "../../../lib/conflicts/list-conflicts.ts";
import { resolveConflict } from "../../../lib/conflicts/resolve-conflict.ts";
import { createEvent } from "../../../lib/events/create-event.ts";
import { updateEvent } from "../../../lib/events/update-event.ts";
import { extractEventFields } from "../../../lib/ical/extract-event-fields.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";
import { createScenario, eventRow, startRemote, type RemoteServer } from "./two-way-harness.ts";

let testDb: TestDb;
let radicale: RemoteServer;

beforeAll(async () => {
  testDb = await createTestDb("postgres");
  radicale = await startRemote("radicale");
});
afterAll(async () => {
  await radicale?.stop();
  await testDb?.close();
});

describe("two-way sync on PostgreSQL", () => {
  it("pushes, merges a disjoint edit, holds and resolves a same-field conflict", async () => {
    const s = await createScenario({ server: radicale });
    const input = {
      calendarId: s.calendarId,
      title: "Retro",
      start: "2026-11-02T15:00:00Z",
      end: "2026-11-02T16:00:00Z",
    };
    const created = await createEvent({ userId: s.userId, input });
    expect(await s.push()).toMatchObject({ pushed: 1 });
    const ref = (await eventRow(created.id)).remoteRef!;

    await updateEvent({ userId: s.userId, id: created.id, input: { title: "Retro (Q4)" } });
    await s.remoteEdit(ref, { location: "Attic" });
    expect(await s.push()).toMatchObject({ pushed: 1, conflicts: 0 });

    await updateEvent({ userId: s.userId, id: created.id, input: { location: "Cellar" } });
    await s.remoteEdit(ref, { location: "Roof" });
    expect(await s.push()).toMatchObject({ conflicts: 1 });
    const [conflict] = await listConflicts({ userId: s.userId, status: "open" });
    await resolveConflict({ userId: s.userId, conflictId: conflict!.id, input: { choice: "local" } });
    expect(await s.push()).toMatchObject({ pushed: 1 });
    const remote = await s.remoteFetch(ref);
    expect(extractEventFields(remote!.ical)).toMatchObject({ title: "Retro (Q4)", location: "Cellar" });
    expect((await eventRow(created.id)).syncState).toBe("SYNCED");
  });
});
