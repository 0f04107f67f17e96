import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../../lib/db/client.ts";
import { AppError } from "../../../lib/errors/app-error.ts";
import { confirmDeletions } from "../../../lib/sync/confirm-deletions.ts";
import { pullCalendar } from "../../../lib/sync/pull-calendar.ts";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db.ts";
import { createFakeProvider, eventIcal, seedCalendar, type FakeProvider } from "./pull-fixtures.ts";

const savedKey = process.env.CONCORD_ENCRYPTION_KEY;
beforeAll(() => {
  process.env.CONCORD_ENCRYPTION_KEY = randomBytes(32).toString("hex");
});
afterAll(() => {
  process.env.CONCORD_ENCRYPTION_KEY = savedKey;
});

describe.each(testDbKinds)("mass-deletion guard on %s", (kind) => {
  let testDb: TestDb;
  let provider: FakeProvider;
  let calendarId: string;
  let userId: string;

  beforeEach(async () => {
    testDb = await createTestDb(kind);
    provider = createFakeProvider();
    ({ calendarId, userId } = await seedCalendar("held"));
  });
  afterEach(async () => {
    await testDb.close();
  });

  const pull = () => pullCalendar({ calendarId, provider });
  const seed = async (names: string[]) => {
    for (const name of names) provider.put(`/cal/${name}.ics`, eventIcal({ uid: name, title: name }));
    await pull();
  };

  it("holds a pull that would delete more than half, still applies the rest, and deletes on confirmation", async () => {
    await seed(["a", "b", "c", "d"]);
    for (const name of ["a", "b", "c"]) provider.remove(`/cal/${name}.ics`);
    provider.put("/cal/d.ics", eventIcal({ uid: "d", title: "d, renamed" }));
    const result = await pull();
    expect(result).toMatchObject({ deleted: 0, updated: 1, held: 3 });
    expect(await db().event.count({ where: { calendarId } })).toBe(4);
    let calendar = await db().calendar.findUniqueOrThrow({ where: { id: calendarId } });
    expect(calendar.syncState).toBe("HELD");
    expect([...(calendar.heldDeletions as string[])].sort()).toEqual(["/cal/a.ics", "/cal/b.ics", "/cal/c.ics"]);
    expect(calendar.syncToken).toBe("0-8");
    expect(calendar.syncError).toMatch(/3 events were deleted/);
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run).toMatchObject({ status: "HELD", deleted: 0, updated: 1 });

    // Later pulls keep holding until the person decides.
    expect((await pull()).held).toBe(3);

    await expect(confirmDeletions({ userId: "someone-else", calendarId })).rejects.toMatchObject({ code: "not_found" });
    expect(await confirmDeletions({ userId, calendarId })).toEqual({ deleted: 3, conflicts: 0 });
    expect(await db().event.findMany({ where: { calendarId }, select: { remoteRef: true } })).toEqual([
      { remoteRef: "/cal/d.ics" },
    ]);
    calendar = await db().calendar.findUniqueOrThrow({ where: { id: calendarId } });
    expect(calendar).toMatchObject({ syncState: "OK", heldDeletions: null, syncError: null });

    const again = confirmDeletions({ userId, calendarId });
    await expect(again).rejects.toBeInstanceOf(AppError);
    await expect(again).rejects.toMatchObject({ code: "not_held", status: 409 });
  });

  it("holds a complete listing that comes back empty", async () => {
    await seed(["a"]);
    provider.expireTokens();
    provider.emptyNextListing();
    const result = await pull();
    expect(result).toMatchObject({ deleted: 0, held: 1 });
    expect(await db().event.count({ where: { calendarId } })).toBe(1);
    expect((await db().calendar.findUniqueOrThrow({ where: { id: calendarId } })).syncState).toBe("HELD");
  });

  it("applies a deletion of half or less without asking", async () => {
    await seed(["a", "b", "c", "d"]);
    provider.remove("/cal/a.ics");
    provider.remove("/cal/b.ics");
    expect(await pull()).toMatchObject({ deleted: 2, held: 0 });
    expect((await db().calendar.findUniqueOrThrow({ where: { id: calendarId } })).syncState).toBe("OK");
  });

  it("releases the hold when the missing events come back", async () => {
    await seed(["a", "b", "c"]);
    provider.expireTokens();
    provider.emptyNextListing();
    expect((await pull()).held).toBe(3);
    provider.expireTokens();
    const result = await pull();
    expect(result).toMatchObject({ held: 0, deleted: 0, created: 0 });
    const calendar = await db().calendar.findUniqueOrThrow({ where: { id: calendarId } });
    expect(calendar).toMatchObject({ syncState: "OK", heldDeletions: null });
  });
});
