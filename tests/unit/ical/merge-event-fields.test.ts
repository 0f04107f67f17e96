import { describe, expect, it } from "vitest";
import { diffEventFields } from "../../../lib/ical/diff-event-fields.ts";
import { mergeEventFields } from "../../../lib/ical/merge-event-fields.ts";
import type { EventFields } from "../../../lib/ical/types.ts";

const base: EventFields = {
  title: "Lunch",
  start: "2026-03-10T11:00:00Z",
  end: "2026-03-10T12:00:00Z",
  allDay: false,
  timeZone: "Europe/Berlin",
  location: "Canteen",
  description: null,
  recurrence: [],
  status: "confirmed",
};

const cases: Array<{
  name: string;
  local: Partial<EventFields>;
  remote: Partial<EventFields>;
  merged: Partial<EventFields>;
  conflicts: string[];
  baseless?: boolean;
}> = [
  { name: "nothing changed", local: {}, remote: {}, merged: {}, conflicts: [] },
  {
    name: "disjoint fields",
    local: { title: "Team lunch" },
    remote: { location: "Pizzeria" },
    merged: { title: "Team lunch", location: "Pizzeria" },
    conflicts: [],
  },
  {
    name: "same field, same value",
    local: { title: "Team lunch" },
    remote: { title: "Team lunch" },
    merged: { title: "Team lunch" },
    conflicts: [],
  },
  {
    name: "same field, different value",
    local: { title: "Team lunch" },
    remote: { title: "Long lunch" },
    merged: { title: "Long lunch" },
    conflicts: ["title"],
  },
  {
    name: "local moves the time, remote renames",
    local: { start: "2026-03-10T12:00:00Z", end: "2026-03-10T13:00:00Z" },
    remote: { title: "Lunch with Kim" },
    merged: { start: "2026-03-10T12:00:00Z", end: "2026-03-10T13:00:00Z", title: "Lunch with Kim" },
    conflicts: [],
  },
  {
    // The time group is atomic: local's start and remote's end never mix.
    name: "start on one side, end on the other",
    local: { start: "2026-03-10T10:30:00Z" },
    remote: { end: "2026-03-10T12:30:00Z" },
    merged: { end: "2026-03-10T12:30:00Z" },
    conflicts: ["start", "end"],
  },
  {
    name: "remote switches to all-day, local edits the description",
    local: { description: "Bring cake" },
    remote: { allDay: true, start: "2026-03-10", end: "2026-03-11", timeZone: null },
    merged: { description: "Bring cake", allDay: true, start: "2026-03-10", end: "2026-03-11", timeZone: null },
    conflicts: [],
  },
  {
    name: "same instant written with another offset is no change",
    local: { start: "2026-03-10T12:00:00+01:00" },
    remote: { status: "tentative" },
    merged: { status: "tentative" },
    conflicts: [],
  },
  {
    name: "recurrence changed on both sides differently",
    local: { recurrence: ["RRULE:FREQ=WEEKLY"] },
    remote: { recurrence: ["RRULE:FREQ=DAILY"] },
    merged: { recurrence: ["RRULE:FREQ=DAILY"] },
    conflicts: ["recurrence"],
  },
  {
    name: "no base: differing fields conflict",
    local: { title: "A" },
    remote: { title: "B", location: "X" },
    merged: { title: "B", location: "X" },
    conflicts: ["title", "location"],
    baseless: true,
  },
];

describe("mergeEventFields", () => {
  it.each(cases)("$name", ({ local, remote, merged, conflicts, baseless }) => {
    const result = mergeEventFields({
      base: baseless ? null : base,
      local: { ...base, ...local },
      remote: { ...base, ...remote },
    });
    expect(result.conflicts).toEqual(conflicts);
    expect(diffEventFields(result.merged, { ...base, ...merged })).toEqual([]);
  });
});

describe("diffEventFields", () => {
  it.each([
    [{ title: "X" }, ["title"]],
    [{ description: "" }, []],
    [{ recurrence: ["RRULE:FREQ=DAILY"] }, ["recurrence"]],
    [{ start: "2026-03-10T12:00:00+01:00" }, []],
    [{ start: "2026-03-10T11:00:01Z", allDay: true }, ["start", "allDay"]],
  ] as Array<[Partial<EventFields>, string[]]>)("%j -> %j", (change, expected) => {
    expect(diffEventFields(base, { ...base, ...change })).toEqual(expected);
  });
});
