import { describe, expect, it } from "vitest";
import { buildEventResource } from "../../../lib/ical/build-event-resource.ts";
import { buildVtimezone } from "../../../lib/ical/build-vtimezone.ts";
import { IcalEditError } from "../../../lib/ical/ical-edit-error.ts";
import { serializeContentTree } from "../../../lib/ical/content-lines.ts";
import { parseEventResource } from "../../../lib/ical/parse-event-resource.ts";
import type { EventFields } from "../../../lib/ical/types.ts";
import { ianaZone, vtimezoneZone } from "../../../lib/ical/zones.ts";
import { unfoldedLines } from "./fixtures.ts";

const now = new Date("2026-05-01T12:00:00Z");

const base: EventFields = {
  title: "Planning",
  start: "2026-03-16T08:00:00Z",
  end: "2026-03-16T09:00:00Z",
  allDay: false,
  timeZone: "Europe/Berlin",
  location: null,
  description: null,
  recurrence: [],
  status: "confirmed",
};

const cases: Array<{ name: string; fields: EventFields; lines: string[] }> = [
  {
    name: "zoned event with TZID and VTIMEZONE",
    fields: base,
    lines: [
      "DTSTART;TZID=Europe/Berlin:20260316T090000",
      "DTEND;TZID=Europe/Berlin:20260316T100000",
      "TZID:Europe/Berlin",
    ],
  },
  {
    name: "UTC event",
    fields: { ...base, timeZone: null },
    lines: ["DTSTART:20260316T080000Z", "DTEND:20260316T090000Z"],
  },
  {
    name: "floating event",
    fields: { ...base, timeZone: "floating" },
    lines: ["DTSTART:20260316T080000", "DTEND:20260316T090000"],
  },
  {
    name: "all-day event with exclusive end",
    fields: { ...base, allDay: true, timeZone: null, start: "2026-03-16", end: "2026-03-18" },
    lines: ["DTSTART;VALUE=DATE:20260316", "DTEND;VALUE=DATE:20260318"],
  },
  {
    name: "zero-length event still writes DTEND (iCloud needs it)",
    fields: { ...base, timeZone: null, end: base.start },
    lines: ["DTSTART:20260316T080000Z", "DTEND:20260316T080000Z"],
  },
  {
    name: "text escaping, recurrence and status",
    fields: {
      ...base,
      title: "A, B; C\\D",
      description: "one\ntwo",
      location: "Room 1",
      recurrence: ["RRULE:FREQ=WEEKLY;COUNT=3"],
      status: "tentative",
    },
    lines: [
      "SUMMARY:A\\, B\\; C\\\\D",
      "DESCRIPTION:one\\ntwo",
      "LOCATION:Room 1",
      "RRULE:FREQ=WEEKLY;COUNT=3",
      "STATUS:TENTATIVE",
    ],
  },
];

describe("buildEventResource", () => {
  it.each(cases)("$name", ({ fields, lines }) => {
    const text = buildEventResource({ uid: "uid-1@concord", fields, now });
    const written = unfoldedLines(text);
    for (const line of lines) expect(written).toContain(line);
    for (const line of [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "UID:uid-1@concord",
      "DTSTAMP:20260501T120000Z",
      "SEQUENCE:0",
    ])
      expect(written).toContain(line);
    expect(written.some((l) => l.startsWith("METHOD"))).toBe(false);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(parseEventResource(text).fields).toEqual(fields);
  });

  it.each([["RRULE:FREQ=SOMETIMES"], ["RRULE:COUNT=3"], ["SUMMARY:not a rule"]])("rejects recurrence %s", (line) => {
    expect(() => buildEventResource({ uid: "u", fields: { ...base, recurrence: [line] }, now })).toThrow(IcalEditError);
  });

  it("uses the given PRODID and folds long lines at 75 octets", () => {
    const title = "Überlange Überschrift ".repeat(10);
    const text = buildEventResource({ uid: "u", fields: { ...base, title }, prodId: "-//Test//X//EN", now });
    expect(text).toContain("PRODID:-//Test//X//EN\r\n");
    for (const line of text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(parseEventResource(text).fields.title).toBe(title);
  });
});

describe("buildVtimezone", () => {
  // Check the generated VTIMEZONE through ical.js (not Intl) against Intl's offsets.
  const instants = [
    "2026-01-15T12:00:00Z",
    "2026-04-15T12:00:00Z",
    "2026-07-15T12:00:00Z",
    "2026-10-15T12:00:00Z",
    "2026-12-15T12:00:00Z",
    "2027-07-15T12:00:00Z",
  ];
  it.each(["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Tokyo", "Asia/Kolkata", "America/Sao_Paulo"])(
    "matches Intl for %s",
    (name) => {
      const component = buildVtimezone(name, Date.parse("2026-03-01T00:00:00Z"));
      expect(component).not.toBeNull();
      const fromVtimezone = vtimezoneZone(serializeContentTree([component!]), name)!;
      const intl = ianaZone(name)!;
      for (const instant of instants) {
        const ms = Date.parse(instant);
        expect(fromVtimezone.utcToWall(ms)).toBe(intl.utcToWall(ms));
        expect(fromVtimezone.wallToUtc(intl.utcToWall(ms))).toBe(ms);
      }
    },
  );

  it("writes a yearly rule for Berlin", () => {
    const text = serializeContentTree([buildVtimezone("Europe/Berlin", Date.parse("2026-06-01T00:00:00Z"))!]);
    expect(text).toContain("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
    expect(text).toContain("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
    expect(text).toContain("TZOFFSETTO:+0200");
  });

  it("returns null for an unknown zone", () => {
    expect(buildVtimezone("Mars/Olympus_Mons", 0)).toBeNull();
  });
});
