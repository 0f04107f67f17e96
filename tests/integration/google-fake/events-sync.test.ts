import { describe, expect, it } from "vitest";
import { CALENDAR, timed, setupGoogleFake } from "./fake-fixture.ts";

const g = setupGoogleFake();

async function seed(count: number) {
  return g.fake.control.seedEvents(
    CALENDAR,
    Array.from({ length: count }, (_, i) => timed(i)),
  );
}

describe("Google fake events.list paging and sync tokens", () => {
  it("pages with maxResults (default 250, capped at 2500): nextPageToken xor nextSyncToken", async () => {
    await seed(260);
    const first = await g.list({});
    expect(first.body.items).toHaveLength(250);
    expect(first.body.nextPageToken).toEqual(expect.any(String));
    expect(first.body.nextSyncToken).toBeUndefined();
    const last = await g.list({ pageToken: first.body.nextPageToken ?? "" });
    expect(last.body.items).toHaveLength(10);
    expect(last.body.nextPageToken).toBeUndefined();
    expect(last.body.nextSyncToken).toEqual(expect.any(String));
    const capped = await g.list({ maxResults: 9999 });
    expect(capped.body.items).toHaveLength(260);
  });

  it("snapshots pages: writes while paging come in the next incremental pull, once", async () => {
    const seeded = await seed(5);
    const page1 = await g.list({ maxResults: 2 });
    await g.fake.control.mutate({
      calendarId: CALENDAR,
      action: "patch",
      eventId: seeded[4]?.id,
      event: { summary: "edited mid-paging" },
    });
    const added = await g.fake.control.mutate({ calendarId: CALENDAR, action: "insert", event: timed(50) });
    const ids: string[] = page1.body.items.map((i) => i.id);
    let page = page1;
    while (page.body.nextPageToken) {
      page = await g.list({ maxResults: 2, pageToken: page.body.nextPageToken });
      ids.push(...page.body.items.map((i) => i.id));
    }
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    expect(ids).not.toContain(added.id);
    const incremental = await g.list({ maxResults: 2, syncToken: page.body.nextSyncToken ?? "" });
    expect(incremental.body.items.map((i) => i.id).sort()).toEqual([seeded[4]?.id, added.id].sort());
    expect(incremental.body.items.find((i) => i.id === seeded[4]?.id)?.summary).toBe("edited mid-paging");
  });

  it("returns deletions as cancelled with only the id, and the same token when nothing changed", async () => {
    const [a, b] = await seed(2);
    const full = await g.list({});
    const token = full.body.nextSyncToken ?? "";
    const empty = await g.list({ syncToken: token });
    expect(empty.body.items).toEqual([]);
    expect(empty.body.nextSyncToken).toBe(token);
    await g.fake.control.mutate({ calendarId: CALENDAR, action: "delete", eventId: a?.id });
    const changes = await g.list({ syncToken: token });
    expect(changes.body.items).toEqual([
      { kind: "calendar#event", etag: expect.any(String), id: a?.id, status: "cancelled" },
    ]);
    expect(changes.body.nextSyncToken).not.toBe(token);
    // An older token still replays (tokens are not single-use).
    expect((await g.list({ syncToken: token })).body.items).toHaveLength(1);
    const listed = await g.list({});
    expect(listed.body.items.map((i) => i.id)).toEqual([b?.id]);
    expect((await g.list({ showDeleted: true })).body.items).toHaveLength(2);
  });

  it("refuses restrictions next to a syncToken with 400", async () => {
    await seed(1);
    const token = (await g.list({})).body.nextSyncToken ?? "";
    const restrictions: Array<Record<string, string | boolean>> = [
      { timeMin: "2026-01-01T00:00:00Z" },
      { timeMax: "2026-01-01T00:00:00Z" },
      { q: "x" },
      { orderBy: "updated" },
      { updatedMin: "2026-01-01T00:00:00Z" },
      { iCalUID: "x@google.com" },
      { showDeleted: false },
    ];
    for (const extra of restrictions) {
      const response = await g.list({ syncToken: token, ...extra });
      expect(response.status, JSON.stringify(extra)).toBe(400);
    }
  });

  it("answers 410 fullSyncRequired for invalidated tokens and 400 for malformed ones", async () => {
    await seed(1);
    const token = (await g.list({})).body.nextSyncToken ?? "";
    const malformed = await g.list({ syncToken: "garbage" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error?.message).toBe("Invalid sync token value.");
    await g.fake.control.invalidateSyncTokens(CALENDAR);
    const gone = await g.list({ syncToken: token });
    expect(gone.status).toBe(410);
    expect(gone.body.error?.errors[0]?.reason).toBe("fullSyncRequired");
    expect((await g.list({})).status).toBe(200);
  });

  it("refuses a page token used with a different query", async () => {
    await seed(3);
    const page = await g.list({ maxResults: 1, showDeleted: true });
    expect((await g.list({ maxResults: 1, pageToken: page.body.nextPageToken ?? "" })).status).toBe(400);
  });

  it("filters by timeMin (event end) and timeMax (event start) and by iCalUID", async () => {
    const events = await seed(3); // March 1st, 2nd, 3rd, 09:00-10:00 +01:00
    const window = await g.list({ timeMin: "2026-03-02T08:30:00Z", timeMax: "2026-03-03T08:00:00Z" });
    expect(window.body.items.map((i) => i.id)).toEqual([events[1]?.id]);
    const byUid = await g.list({ iCalUID: String(events[2]?.iCalUID) });
    expect(byUid.body.items.map((i) => i.id)).toEqual([events[2]?.id]);
  });
});
