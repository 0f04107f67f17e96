import { describe, expect, it } from "vitest";
import { expandOccurrences } from "../../../lib/ical/expand-occurrences.ts";
import { parseEventResource } from "../../../lib/ical/parse-event-resource.ts";
import { readFixture } from "./fixtures.ts";

type Row = [originalStart: string, start: string, end: string, isOverride: boolean];

function expand(text: string, rangeStart: string, rangeEnd: string, maxOccurrences?: number): Row[] {
  return expandOccurrences({
    ical: text,
    rangeStart: new Date(rangeStart),
    rangeEnd: new Date(rangeEnd),
    maxOccurrences,
  }).map((o) => [o.originalStart, o.start, o.end, o.isOverride]);
}

const cases: Array<{ name: string; file: string; range: [string, string]; expected: Row[] }> = [
  {
    // Weekly Monday 09:00 Europe/Berlin across the 29 March 2026 DST change: 08:00Z before,
    // 07:00Z after. 30 March moved to 31 March 14:00; 6 April EXDATE; 13 April cancelled.
    name: "weekly series across DST with moved, excluded and cancelled occurrences",
    file: "icloud-weekly-berlin.ics",
    range: ["2026-03-01T00:00:00Z", "2026-05-01T00:00:00Z"],
    expected: [
      ["2026-03-16T08:00:00Z", "2026-03-16T08:00:00Z", "2026-03-16T09:00:00Z", false],
      ["2026-03-23T08:00:00Z", "2026-03-23T08:00:00Z", "2026-03-23T09:00:00Z", false],
      ["2026-03-30T07:00:00Z", "2026-03-31T12:00:00Z", "2026-03-31T13:00:00Z", true],
      ["2026-04-20T07:00:00Z", "2026-04-20T07:00:00Z", "2026-04-20T08:00:00Z", false],
    ],
  },
  {
    name: "override moved into the range from a day outside it",
    file: "icloud-weekly-berlin.ics",
    range: ["2026-03-31T00:00:00Z", "2026-04-01T00:00:00Z"],
    expected: [["2026-03-30T07:00:00Z", "2026-03-31T12:00:00Z", "2026-03-31T13:00:00Z", true]],
  },
  {
    name: "override moved out of the range leaves its original day empty",
    file: "icloud-weekly-berlin.ics",
    range: ["2026-03-30T00:00:00Z", "2026-03-31T00:00:00Z"],
    expected: [],
  },
  {
    name: "all-day weekly series with an excluded Friday and UNTIL as DATE",
    file: "google-allday-weekly.ics",
    range: ["2026-03-01T00:00:00Z", "2026-05-01T00:00:00Z"],
    expected: [
      ["2026-03-06", "2026-03-06", "2026-03-07", false],
      ["2026-03-13", "2026-03-13", "2026-03-14", false],
      ["2026-03-27", "2026-03-27", "2026-03-28", false],
      ["2026-04-03", "2026-04-03", "2026-04-04", false],
    ],
  },
  {
    name: "all-day occurrence overlapping the start of the range",
    file: "google-allday-weekly.ics",
    range: ["2026-03-13T12:00:00Z", "2026-03-14T00:00:00Z"],
    expected: [["2026-03-13", "2026-03-13", "2026-03-14", false]],
  },
  {
    // 17:00 America/New_York daily x3 from 6 March plus RDATE 14 March; US DST starts 8 March.
    name: "daily COUNT plus RDATE across the US DST change",
    file: "thunderbird-rdate.ics",
    range: ["2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"],
    expected: [
      ["2026-03-06T22:00:00Z", "2026-03-06T22:00:00Z", "2026-03-06T22:30:00Z", false],
      ["2026-03-07T22:00:00Z", "2026-03-07T22:00:00Z", "2026-03-07T22:30:00Z", false],
      ["2026-03-08T21:00:00Z", "2026-03-08T21:00:00Z", "2026-03-08T21:30:00Z", false],
      ["2026-03-14T21:00:00Z", "2026-03-14T21:00:00Z", "2026-03-14T21:30:00Z", false],
    ],
  },
  {
    name: "single event inside the range",
    file: "outlook-windows-tzid.ics",
    range: ["2026-07-07T13:00:00Z", "2026-07-08T00:00:00Z"],
    expected: [["2026-07-07T12:00:00Z", "2026-07-07T12:00:00Z", "2026-07-07T13:30:00Z", false]],
  },
  {
    name: "single event ending exactly at the range start is outside",
    file: "outlook-windows-tzid.ics",
    range: ["2026-07-07T13:30:00Z", "2026-07-08T00:00:00Z"],
    expected: [],
  },
  {
    name: "zero-length floating event at the range start",
    file: "radicale-floating.ics",
    range: ["2026-02-15T07:30:00Z", "2026-02-15T08:00:00Z"],
    expected: [["2026-02-15T07:30:00Z", "2026-02-15T07:30:00Z", "2026-02-15T07:30:00Z", false]],
  },
  {
    name: "resource holding only an override",
    file: "icloud-overrides-only.ics",
    range: ["2026-04-01T00:00:00Z", "2026-05-01T00:00:00Z"],
    expected: [["2026-04-10T13:00:00Z", "2026-04-10T14:00:00Z", "2026-04-10T15:00:00Z", true]],
  },
];

describe("expandOccurrences", () => {
  it.each(cases)("$name", ({ file, range, expected }) => {
    expect(expand(readFixture(file), range[0], range[1])).toEqual(expected);
  });

  it("uses the override's fields and the master's fields elsewhere", () => {
    const occurrences = expandOccurrences({
      parsed: parseEventResource(readFixture("icloud-weekly-berlin.ics")),
      rangeStart: new Date("2026-03-20T00:00:00Z"),
      rangeEnd: new Date("2026-04-01T00:00:00Z"),
    });
    expect(occurrences.map((o) => o.fields.title)).toEqual(["Wochenplanung", "Wochenplanung (verschoben)"]);
    expect(occurrences[0]!.fields.location).toBe("Büro 3.14, Müllerstraße 12");
    expect(occurrences[1]!.timeZone).toBe("Europe/Berlin");
  });

  it("stays on 09:00 local for an open-ended weekly series years after DTSTART", () => {
    const text = readFixture("icloud-weekly-berlin.ics")
      .replace("RRULE:FREQ=WEEKLY;COUNT=6", "RRULE:FREQ=WEEKLY;BYDAY=MO")
      .replace(/DTSTART;TZID=Europe\/Berlin:20260316T090000/, "DTSTART;TZID=Europe/Berlin:20100104T090000")
      .replace(/DTEND;TZID=Europe\/Berlin:20260316T100000/, "DTEND;TZID=Europe/Berlin:20100104T100000");
    // 2031: DST starts 30 March, so 24 March is CET and 31 March CEST.
    expect(expand(text, "2031-03-20T00:00:00Z", "2031-04-08T00:00:00Z")).toEqual([
      ["2031-03-24T08:00:00Z", "2031-03-24T08:00:00Z", "2031-03-24T09:00:00Z", false],
      ["2031-03-31T07:00:00Z", "2031-03-31T07:00:00Z", "2031-03-31T08:00:00Z", false],
      ["2031-04-07T07:00:00Z", "2031-04-07T07:00:00Z", "2031-04-07T08:00:00Z", false],
    ]);
  });

  it("reads a daily 02:30 Berlin time in the spring-forward gap with the offset before it", () => {
    const text = readFixture("radicale-floating.ics")
      .replace("DTSTART:20260215T073000", "DTSTART;TZID=Europe/Berlin:20260328T023000\r\nRRULE:FREQ=DAILY;COUNT=3")
      .replace("SUMMARY:Floating stand-up", "SUMMARY:Night job\r\nDURATION:PT15M");
    // 28 March CET (01:30Z), 29 March 02:30 does not exist: +01:00 gives 01:30Z (03:30 CEST),
    // 30 March CEST (00:30Z).
    expect(expand(text, "2026-03-27T00:00:00Z", "2026-04-01T00:00:00Z").map((r) => r[1])).toEqual([
      "2026-03-28T01:30:00Z",
      "2026-03-29T01:30:00Z",
      "2026-03-30T00:30:00Z",
    ]);
  });

  it("caps open-ended rules at maxOccurrences", () => {
    const text = readFixture("radicale-floating.ics").replace(
      "DTSTART:20260215T073000",
      "DTSTART:20260215T073000\r\nRRULE:FREQ=HOURLY",
    );
    const rows = expand(text, "2026-02-15T00:00:00Z", "2026-03-15T00:00:00Z", 50);
    expect(rows).toHaveLength(50);
    expect(rows[49]![1]).toBe("2026-02-17T08:30:00Z");
  });

  it("honours an EXDATE written in UTC against a zoned series", () => {
    const text = readFixture("thunderbird-rdate.ics").replace(
      "RDATE;TZID=America/New_York:20260314T170000",
      "EXDATE:20260307T220000Z",
    );
    expect(expand(text, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z").map((r) => r[0])).toEqual([
      "2026-03-06T22:00:00Z",
      "2026-03-08T21:00:00Z",
    ]);
  });
});
