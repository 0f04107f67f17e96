/**
 * The client sync API and the range query over rows the pull engine wrote (a fake provider as
 * the remote): what a pull changes reaches clients as an incremental answer, with no call from
 * the engine — the change trigger numbers every write.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listEventChanges, type EventChangesPage } from "../../../lib/client-sync/list-event-changes.ts";
import { listOccurrences } from "../../../lib/events/list-occurrences.ts";
import { pullCalendar } from "../../../lib/sync/pull-calendar.ts";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db.ts";
import { createFakeProvider, eventIcal, seedCalendar, type FakeProvider } from "../sync/pull-fixtures.ts";

process.env.AUTH_SECRET ||= "integration-test-secret-for-client-sync";

async function changesSince(userId: string, syncToken?: string) {
  const items: EventChangesPage["items"] = [];
  let pageToken: string | undefined;
  for (;;) {
    const page = await listEventChanges({
      userId,
      maxResults: 2,
      ...(syncToken ? { syncToken } : {}),
      ...(pageToken ? { pageToken } : {}),
    });
    items.push(...page.items);
    if (!page.nextPageToken) return { items, syncToken: page.nextSyncToken as string };
    pageToken = page.nextPageToken;
  }
}

const titles = (items: EventChangesPage["items"]) =>
  Object.fromEntries(items.map((item) => ["title" in item ? item.title : item.id, item.status]));

describe.each(testDbKinds)("client sync after pulls on %s", (kind) => {
  let testDb: TestDb;
  let fake: FakeProvider;
  let userId: string;
  let calendarId: string;
  let token: string;

  beforeAll(async () => {
    testDb = await createTestDb(kind);
    ({ userId, calendarId } = await seedCalendar("client-sync"));
    fake = createFakeProvider();
  });

  afterAll(async () => {
    await testDb.close();
  });

  it("lists what the first pull stored, and the range query expands it", async () => {
    fake.put("/cal/a.ics", eventIcal({ uid: "a", title: "Alpha", start: "20260302T090000Z" }));
    fake.put("/cal/b.ics", eventIcal({ uid: "b", title: "Beta", start: "20260303T090000Z" }));
    fake.put(
      "/cal/c.ics",
      eventIcal({ uid: "c", title: "Gamma", start: "20260304T090000Z", extra: "RRULE:FREQ=DAILY;COUNT=3" }),
    );
    await pullCalendar({ calendarId, provider: fake });
    const listing = await changesSince(userId);
    expect(titles(listing.items)).toEqual({ Alpha: "confirmed", Beta: "confirmed", Gamma: "confirmed" });
    expect(listing.items.find((item) => "title" in item && item.title === "Gamma")).toMatchObject({
      recurrence: ["RRULE:FREQ=DAILY;COUNT=3"],
      calendarId,
    });
    token = listing.syncToken;
    const occurrences = await listOccurrences({
      userId,
      start: new Date("2026-03-01T00:00:00Z"),
      end: new Date("2026-03-08T00:00:00Z"),
    });
    expect(occurrences.map((item) => [item.title, item.start])).toEqual([
      ["Alpha", "2026-03-02T09:00:00Z"],
      ["Beta", "2026-03-03T09:00:00Z"],
      ["Gamma", "2026-03-04T09:00:00Z"],
      ["Gamma", "2026-03-05T09:00:00Z"],
      ["Gamma", "2026-03-06T09:00:00Z"],
    ]);
  });

  it("answers an incremental call with exactly what the next pull changed", async () => {
    const before = await changesSince(userId);
    const betaId = before.items.find((item) => "title" in item && item.title === "Beta")?.id;
    fake.put("/cal/a.ics", eventIcal({ uid: "a", title: "Alpha renamed", start: "20260302T090000Z" }));
    fake.remove("/cal/b.ics");
    fake.put("/cal/d.ics", eventIcal({ uid: "d", title: "Delta", start: "20260305T090000Z" }));
    await pullCalendar({ calendarId, provider: fake });
    const changes = await changesSince(userId, token);
    expect(titles(changes.items)).toEqual({
      "Alpha renamed": "confirmed",
      Delta: "confirmed",
      [betaId as string]: "cancelled",
    });
    token = changes.syncToken;
  });

  it("reports nothing after a pull that found no change", async () => {
    await pullCalendar({ calendarId, provider: fake });
    expect((await changesSince(userId, token)).items).toEqual([]);
  });
});
