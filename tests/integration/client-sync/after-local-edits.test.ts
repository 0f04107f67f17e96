/**
 * Local creates, edits and deletes (lib/events, written with their outbox entry in one
 * transaction) reach clients of the sync API and the range query with no call from the edit
 * code: the change trigger numbers every write. A pending local delete is a deletion to clients.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listEventChanges } from "../../../lib/client-sync/list-event-changes.ts";
import { createEvent } from "../../../lib/events/create-event.ts";
import { deleteEvent } from "../../../lib/events/delete-event.ts";
import { listOccurrences } from "../../../lib/events/list-occurrences.ts";
import { updateEvent } from "../../../lib/events/update-event.ts";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db.ts";
import { createTestCalendar, createTestUser } from "../events/event-fixtures.ts";

process.env.AUTH_SECRET ||= "integration-test-secret-for-client-sync";

const may = { start: new Date("2026-05-01T00:00:00Z"), end: new Date("2026-06-01T00:00:00Z") };

describe.each(testDbKinds)("client sync after local edits on %s", (kind) => {
  let testDb: TestDb;

  beforeAll(async () => {
    testDb = await createTestDb(kind);
  });

  afterAll(async () => {
    await testDb.close();
  });

  it("reports a local create, edit and delete, each once, in its latest state", async () => {
    const userId = await createTestUser();
    const calendarId = await createTestCalendar({ userId });
    let token = (await listEventChanges({ userId })).nextSyncToken as string;

    const created = await createEvent({
      userId,
      input: { calendarId, title: "Lunch", start: "2026-05-04T12:00:00Z", end: "2026-05-04T13:00:00Z" },
    });
    let page = await listEventChanges({ userId, syncToken: token });
    expect(page.items).toEqual([
      expect.objectContaining({ id: created.id, title: "Lunch", syncState: "pending", etag: '"v1"', calendarId }),
    ]);
    token = page.nextSyncToken as string;
    expect((await listOccurrences({ userId, ...may })).map((item) => [item.id, item.syncState])).toEqual([
      [created.id, "pending"],
    ]);

    await updateEvent({ userId, id: created.id, input: { title: "Late lunch" }, ifMatch: '"v1"' });
    page = await listEventChanges({ userId, syncToken: token });
    expect(page.items).toEqual([expect.objectContaining({ id: created.id, title: "Late lunch", etag: '"v2"' })]);
    token = page.nextSyncToken as string;

    await deleteEvent({ userId, id: created.id });
    page = await listEventChanges({ userId, syncToken: token });
    expect(page.items).toEqual([{ id: created.id, calendarId, status: "cancelled" }]);
    expect(await listOccurrences({ userId, ...may })).toEqual([]);
    expect((await listEventChanges({ userId })).items).toEqual([]);
  });
});
