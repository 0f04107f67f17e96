import { describe, expect, it } from "vitest";
import { describeSyncResult, type SyncNowCalendarResult } from "../../../components/calendar/describe-sync-result.ts";

const zero = { created: 0, updated: 0, deleted: 0, conflicts: 0 };
const work: SyncNowCalendarResult = { calendarId: "w", name: "Work", ...zero };
const home: SyncNowCalendarResult = { calendarId: "h", ...zero };
const names = new Map([
  ["w", "Work"],
  ["h", "Home"],
]);

describe("describeSyncResult", () => {
  it.each([
    {
      name: "counts only what the pull changed",
      result: { ...zero, updated: 1, calendars: [{ ...work, updated: 1 }] },
      viewChanged: true,
      expected: [{ kind: "info", text: "Sync finished: 1 changed." }],
    },
    {
      name: "nothing new and nothing moved",
      result: { ...zero, calendars: [work] },
      viewChanged: false,
      expected: [{ kind: "info", text: "Up to date: nothing new on the servers." }],
    },
    {
      name: "nothing new in this pull, but the view changed since it last refreshed",
      result: { ...zero, calendars: [work] },
      viewChanged: true,
      expected: [
        {
          kind: "info",
          text: "Up to date: nothing new on the servers. The view now shows the changes made since it last refreshed.",
        },
      ],
    },
    {
      name: "a failed calendar is an error naming it and the reason, never a success",
      result: { ...zero, calendars: [{ ...work, error: "The CalDAV server could not be reached." }] },
      viewChanged: false,
      expected: [{ kind: "error", text: "Sync failed for “Work”: The CalDAV server could not be reached." }],
    },
    {
      name: "one calendar failed, the other is fine (name taken from the page when the answer has none)",
      result: { ...zero, calendars: [home, { ...work, error: "Refused." }] },
      viewChanged: false,
      expected: [
        { kind: "error", text: "Sync failed for “Work”: Refused." },
        { kind: "info", text: "The other calendar is up to date: nothing new on the servers." },
      ],
    },
    {
      name: "changes that could not be sent",
      result: { ...zero, created: 2, calendars: [{ ...work, created: 2, unsent: 3 }] },
      viewChanged: false,
      expected: [
        { kind: "error", text: "3 changes to “Work” could not be sent yet; Concord tries again." },
        { kind: "info", text: "Sync finished: 2 new." },
      ],
    },
  ])("$name", ({ result, viewChanged, expected }) => {
    expect(describeSyncResult({ result, names, viewChanged })).toEqual(expected);
  });

  it("names every failed calendar", () => {
    const notices = describeSyncResult({
      result: {
        ...zero,
        calendars: [
          { ...work, error: "Down." },
          { ...home, error: "Also down." },
        ],
      },
      names,
      viewChanged: false,
    });
    expect(notices).toEqual([
      { kind: "error", text: "Sync failed for 2 calendars — “Work”: Down. “Home”: Also down." },
    ]);
  });
});
