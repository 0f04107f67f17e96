import { describe, expect, it } from "vitest";
import type { CalendarItem } from "../../../components/api/api-types.ts";
import { calendarSyncStatus } from "../../../components/calendar/calendar-sync-status.ts";

const now = Date.parse("2027-03-10T12:00:00Z");
const base: CalendarItem = {
  id: "c",
  connectionId: "k",
  provider: "caldav",
  name: "Work",
  color: null,
  timeZone: null,
  readOnly: false,
  enabled: true,
  lastSyncedAt: "2027-03-10T11:57:00Z",
  syncState: "ok",
  syncError: null,
  eventCount: 1234,
};

describe("calendarSyncStatus", () => {
  it.each([
    { name: "synced: count and age", patch: {}, expected: { tone: "ok", text: "1,234 events · Synced 3 min ago" } },
    { name: "never synced", patch: { lastSyncedAt: null }, expected: { tone: "ok", text: "Not synced yet" } },
    {
      name: "a running pull before anything arrived",
      patch: { syncState: "syncing", progress: null },
      expected: { tone: "busy", text: "Syncing…" },
    },
    {
      name: "a first sync receiving",
      patch: { syncState: "syncing", progress: { received: 4500, saved: 0 } },
      expected: { tone: "busy", text: "Syncing… 4,500 events received" },
    },
    {
      name: "a first sync saving",
      patch: { syncState: "syncing", progress: { received: 4500, saved: 2000 } },
      expected: { tone: "busy", text: "Syncing… 4,500 events received, 2,000 saved" },
    },
    {
      name: "a failure with its reason",
      patch: { syncState: "error", syncError: "The server could not be reached." },
      expected: { tone: "error", text: "Sync failed: The server could not be reached." },
    },
    { name: "held deletions", patch: { syncState: "held" }, expected: { tone: "warn", text: "Deletions held" } },
  ] as { name: string; patch: Partial<CalendarItem>; expected: object }[])("$name", ({ patch, expected }) => {
    expect(calendarSyncStatus({ calendar: { ...base, ...patch }, now })).toEqual(expected);
  });
});
