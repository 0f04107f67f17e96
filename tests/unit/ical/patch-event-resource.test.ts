import { describe, expect, it } from "vitest";
import { expandOccurrences } from "../../../lib/ical/expand-occurrences.ts";
import { extractEventFields } from "../../../lib/ical/extract-event-fields.ts";
import { IcalEditError } from "../../../lib/ical/ical-edit-error.ts";
import { parseEventResource } from "../../../lib/ical/parse-event-resource.ts";
import { patchEventResource } from "../../../lib/ical/patch-event-resource.ts";
import type { EventFields } from "../../../lib/ical/types.ts";
import { readFixture, unfoldedLines, untouchedLines } from "./fixtures.ts";

const now = new Date("2026-05-01T12:00:00Z");

function isSubsequence(needles: string[], haystack: string[]): boolean {
  let at = 0;
  for (const line of needles) {
    at = haystack.indexOf(line, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}
const STAMPS = ["SEQUENCE", "DTSTAMP", "LAST-MODIFIED"];

const cases: Array<{
  name: string;
  file: string;
  changes: Partial<EventFields>;
  properties: string[];
  added: string[];
}> = [
  {
    name: "title of an iCloud master",
    file: "icloud-weekly-berlin.ics",
    changes: { title: "Weekly planning" },
    properties: ["SUMMARY"],
    added: ["SUMMARY:Weekly planning", "SEQUENCE:3"],
  },
  {
    name: "location of a Google all-day series",
    file: "google-allday-weekly.ics",
    changes: { location: "Sporthalle Süd, Eingang B" },
    properties: ["LOCATION"],
    added: ["LOCATION:Sporthalle Süd\\, Eingang B", "SEQUENCE:1"],
  },
  {
    name: "description removed",
    file: "radicale-floating.ics",
    changes: { description: null },
    properties: ["DESCRIPTION"],
    added: ["SEQUENCE:1"],
  },
  {
    name: "time of an Outlook event: DURATION becomes DTEND, LANGUAGE kept on text",
    file: "outlook-windows-tzid.ics",
    changes: { start: "2026-07-07T13:00:00Z", end: "2026-07-07T14:00:00Z" },
    properties: ["DTSTART", "DURATION"],
    added: [
      "DTSTART;TZID=Europe/Berlin:20260707T150000",
      "DTEND;TZID=Europe/Berlin:20260707T160000",
      "TZID:Europe/Berlin",
    ],
  },
  {
    name: "status of a Thunderbird series",
    file: "thunderbird-rdate.ics",
    changes: { status: "cancelled" },
    properties: ["STATUS"],
    added: ["STATUS:CANCELLED"],
  },
  {
    name: "recurrence of a Thunderbird series",
    file: "thunderbird-rdate.ics",
    changes: { recurrence: ["RRULE:FREQ=DAILY;COUNT=5"] },
    properties: ["RRULE", "RDATE"],
    added: ["RRULE:FREQ=DAILY;COUNT=5"],
  },
];

describe("patchEventResource", () => {
  it.each(cases)("changes only the $name", ({ file, changes, properties, added }) => {
    const original = readFixture(file);
    const patched = patchEventResource({ ical: original, changes, now });
    const changed = [...properties, ...STAMPS, "DTEND"];
    // Every other line, VALARMs, ATTENDEEs and X- properties included, is kept in order
    // (an added VTIMEZONE may sit between them).
    expect(isSubsequence(untouchedLines(original, changed), untouchedLines(patched, changed))).toBe(true);
    const lines = unfoldedLines(patched);
    for (const line of added) expect(lines).toContain(line);
    expect(lines.filter((l) => l.startsWith("DTSTAMP")).length).toBe(
      unfoldedLines(original).filter((l) => l.startsWith("BEGIN:VEVENT")).length,
    );
    expect(lines).toContain("DTSTAMP:20260501T120000Z");
    expect(lines).toContain("LAST-MODIFIED:20260501T120000Z");
    const before = extractEventFields(original);
    const after = extractEventFields(patched);
    expect(after).toEqual({
      ...before,
      ...changes,
      description: changes.description === null ? null : (changes.description ?? before.description),
    });
  });

  it("keeps untouched physical lines byte-for-byte, folding included", () => {
    const original = readFixture("icloud-weekly-berlin.ics");
    const patched = patchEventResource({ ical: original, changes: { title: "X" }, now });
    const kept = original
      .replace(/\n/g, "\r\n")
      .split("\r\n")
      .filter((l) => !/^(SUMMARY|SEQUENCE|DTSTAMP|LAST-MODIFIED)[:;]/.test(l));
    const out = patched.split("\r\n");
    let at = 0;
    for (const line of kept) {
      const found = out.indexOf(line, at);
      expect(found, line).toBeGreaterThanOrEqual(at);
      at = found;
    }
  });

  it("edits an existing override and leaves the master alone", () => {
    const original = readFixture("icloud-weekly-berlin.ics");
    const patched = patchEventResource({
      ical: original,
      recurrenceId: "2026-03-30T07:00:00Z",
      changes: { title: "Moved again" },
      now,
    });
    const parsed = parseEventResource(patched);
    expect(parsed.fields.title).toBe("Wochenplanung");
    expect(parsed.sequence).toBe(2);
    expect(extractEventFields(patched, "2026-03-30T07:00:00Z").title).toBe("Moved again");
    expect(parsed.overrides).toHaveLength(2);
  });

  it("creates an override for an occurrence that has none, copying alarms and attendees", () => {
    const original = readFixture("icloud-weekly-berlin.ics");
    const patched = patchEventResource({
      ical: original,
      recurrenceId: "2026-03-23T08:00:00Z",
      changes: { start: "2026-03-23T10:00:00Z", end: "2026-03-23T11:00:00Z" },
      now,
    });
    const parsed = parseEventResource(patched);
    expect(parsed.overrides.map((o) => o.recurrenceId)).toContain("2026-03-23T08:00:00Z");
    const created = patched.slice(patched.lastIndexOf("BEGIN:VEVENT"));
    const lines = unfoldedLines(created);
    expect(lines).toContain("RECURRENCE-ID;TZID=Europe/Berlin:20260323T090000");
    expect(lines).toContain("DTSTART;TZID=Europe/Berlin:20260323T110000");
    expect(lines).toContain("BEGIN:VALARM");
    expect(lines.some((l) => l.startsWith('ATTENDEE;CN="Jörg Weiß, Team"'))).toBe(true);
    expect(lines.some((l) => l.startsWith("RRULE") || l.startsWith("EXDATE"))).toBe(false);
    const week = expandOccurrences({
      ical: patched,
      rangeStart: new Date("2026-03-23T00:00:00Z"),
      rangeEnd: new Date("2026-03-24T00:00:00Z"),
    });
    expect(week.map((o) => [o.start, o.isOverride])).toEqual([["2026-03-23T10:00:00Z", true]]);
  });

  it("moves EXDATEs and override RECURRENCE-IDs with the series start", () => {
    const original = readFixture("icloud-weekly-berlin.ics");
    // 09:00 -> 10:30 Berlin for the whole series.
    const patched = patchEventResource({
      ical: original,
      changes: { start: "2026-03-16T09:30:00Z", end: "2026-03-16T10:30:00Z" },
      now,
    });
    const lines = unfoldedLines(patched);
    expect(lines).toContain("EXDATE;TZID=Europe/Berlin:20260406T103000");
    expect(lines).toContain("RECURRENCE-ID;TZID=Europe/Berlin:20260330T103000");
    expect(lines).toContain("RECURRENCE-ID;TZID=Europe/Berlin:20260413T103000");
    const rows = expandOccurrences({
      ical: patched,
      rangeStart: new Date("2026-03-01T00:00:00Z"),
      rangeEnd: new Date("2026-05-01T00:00:00Z"),
    }).map((o) => [o.originalStart, o.start, o.isOverride]);
    expect(rows).toEqual([
      ["2026-03-16T09:30:00Z", "2026-03-16T09:30:00Z", false],
      ["2026-03-23T09:30:00Z", "2026-03-23T09:30:00Z", false],
      ["2026-03-30T08:30:00Z", "2026-03-31T12:00:00Z", true],
      ["2026-04-20T08:30:00Z", "2026-04-20T08:30:00Z", false],
    ]);
  });

  it("switches an event to all-day and back to a zone", () => {
    const original = readFixture("unknown-tzids.ics");
    const allDay = patchEventResource({
      ical: original,
      changes: { allDay: true, start: "2026-07-01", end: "2026-07-02", timeZone: null },
      now,
    });
    expect(unfoldedLines(allDay)).toContain("DTSTART;VALUE=DATE:20260701");
    expect(parseEventResource(allDay).fields.allDay).toBe(true);
    const zoned = patchEventResource({
      ical: allDay,
      changes: {
        allDay: false,
        start: "2026-07-01T16:30:00Z",
        end: "2026-07-01T18:00:00Z",
        timeZone: "America/New_York",
      },
      now,
    });
    expect(unfoldedLines(zoned)).toContain("DTSTART;TZID=America/New_York:20260701T123000");
    expect(unfoldedLines(zoned)).toContain("TZID:America/New_York");
    expect(parseEventResource(zoned).fields.timeZone).toBe("America/New_York");
  });

  it("drops Apple's structured location when the location changes", () => {
    const original = readFixture("radicale-floating.ics").replace(
      "SUMMARY:Floating stand-up",
      "SUMMARY:Floating stand-up\r\nLOCATION:Old place\r\nX-APPLE-STRUCTURED-LOCATION;VALUE=URI;X-TITLE=Old place:geo:52.5,13.4",
    );
    const patched = patchEventResource({ ical: original, changes: { location: "New place" }, now });
    expect(patched).not.toContain("X-APPLE-STRUCTURED-LOCATION");
    expect(patched).toContain("LOCATION:New place");
  });

  it("rejects end before start", () => {
    expect(() =>
      patchEventResource({ ical: readFixture("radicale-floating.ics"), changes: { end: "2026-02-14T00:00:00Z" }, now }),
    ).toThrow(IcalEditError);
  });
});
