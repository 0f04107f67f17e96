import { describe, expect, it } from "vitest";
import { toCalendarView } from "../../../lib/calendars/calendar-view.ts";
import type { Calendar } from "../../../lib/db/generated/client.ts";

function row(overrides: Partial<Calendar> = {}) {
  return {
    id: "c1",
    connectionId: "k1",
    remoteName: "Work",
    remoteColor: "#112233",
    name: null,
    color: null,
    timeZone: null,
    readOnly: false,
    enabled: true,
    lastSyncedAt: null,
    syncState: "OK",
    syncError: null,
    heldDeletions: null,
    ...overrides,
    connection: { provider: "CALDAV" },
  } as unknown as Calendar & { connection: { provider: "CALDAV" } };
}

describe("a calendar with local changes the server refused", () => {
  it("shows error and says how many were not sent, in agreement with the count", () => {
    expect(toCalendarView(row(), { unsentChanges: 3 })).toMatchObject({
      syncState: "error",
      unsentChanges: 3,
      syncError:
        "3 changes made here could not be sent: the server refused to write to this calendar. They are kept " +
        'here only: "Sync now" tries again, or move them to a calendar you can write to, or delete them here.',
    });
  });

  it("keeps a pull's own error after the sentence, and lets held deletions and a running sync show first", () => {
    expect(
      toCalendarView(row({ syncState: "ERROR", syncError: "Server unreachable." }), { unsentChanges: 1 }),
    ).toMatchObject({ syncState: "error" });
    expect(
      toCalendarView(row({ syncState: "ERROR", syncError: "Server unreachable." }), { unsentChanges: 1 }).syncError,
    ).toMatch(/^1 change made here could not be sent: .* delete it here\. Server unreachable\.$/);
    expect(toCalendarView(row({ syncState: "HELD" }), { unsentChanges: 2 })).toMatchObject({
      syncState: "held",
      syncError: null,
      unsentChanges: 2,
    });
    expect(toCalendarView(row())).toMatchObject({ syncState: "ok", syncError: null, unsentChanges: 0 });
  });
});
