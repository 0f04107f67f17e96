import { describe, expect, it } from "vitest";
import { cancelOccurrence } from "../../../lib/ical/cancel-occurrence.ts";
import { expandOccurrences } from "../../../lib/ical/expand-occurrences.ts";
import { IcalEditError } from "../../../lib/ical/ical-edit-error.ts";
import { parseEventResource } from "../../../lib/ical/parse-event-resource.ts";
import { splitSeries } from "../../../lib/ical/split-series.ts";
import { readFixture, unfoldedLines } from "./fixtures.ts";

const now = new Date("2026-05-01T12:00:00Z");
const spring = { rangeStart: new Date("2026-03-01T00:00:00Z"), rangeEnd: new Date("2026-06-01T00:00:00Z") };

function starts(text: string): string[] {
  return expandOccurrences({ ical: text, ...spring }).map((o) => o.start);
}

describe("cancelOccurrence", () => {
  it.each([
    [
      "a plain occurrence",
      "2026-03-23T08:00:00Z",
      ["2026-03-16T08:00:00Z", "2026-03-31T12:00:00Z", "2026-04-20T07:00:00Z"],
      2,
    ],
    [
      "a moved occurrence (its override goes)",
      "2026-03-30T07:00:00Z",
      ["2026-03-16T08:00:00Z", "2026-03-23T08:00:00Z", "2026-04-20T07:00:00Z"],
      1,
    ],
  ])("removes %s", (_name, recurrenceId, expected, overrides) => {
    const text = cancelOccurrence({ ical: readFixture("icloud-weekly-berlin.ics"), recurrenceId, now });
    expect(starts(text)).toEqual(expected);
    expect(parseEventResource(text).overrides).toHaveLength(overrides);
    expect(parseEventResource(text).sequence).toBe(3);
  });

  it("writes the EXDATE in the form of DTSTART", () => {
    const zoned = cancelOccurrence({
      ical: readFixture("icloud-weekly-berlin.ics"),
      recurrenceId: "2026-03-23T08:00:00Z",
      now,
    });
    expect(unfoldedLines(zoned)).toContain("EXDATE;TZID=Europe/Berlin:20260323T090000");
    const allDay = cancelOccurrence({ ical: readFixture("google-allday-weekly.ics"), recurrenceId: "2026-03-13", now });
    expect(unfoldedLines(allDay)).toContain("EXDATE;VALUE=DATE:20260313");
    expect(starts(allDay)).toEqual(["2026-03-06", "2026-03-27", "2026-04-03"]);
  });

  it("marks the override cancelled when there is no master", () => {
    const text = cancelOccurrence({
      ical: readFixture("icloud-overrides-only.ics"),
      recurrenceId: "2026-04-10T13:00:00Z",
      now,
    });
    expect(unfoldedLines(text)).toContain("STATUS:CANCELLED");
    expect(starts(text)).toEqual([]);
  });

  it("refuses a single event", () => {
    expect(() =>
      cancelOccurrence({ ical: readFixture("allday-no-dtend.ics"), recurrenceId: "2026-05-12", now }),
    ).toThrow(IcalEditError);
  });
});

describe("splitSeries", () => {
  it("splits a COUNT series with overrides on both sides", () => {
    const original = readFixture("icloud-weekly-berlin.ics");
    // Split at 23 March: before keeps 16 March; after has 23, 30 (moved), 6 (EXDATE), 13 (cancelled), 20.
    const { before, after } = splitSeries({
      ical: original,
      at: "2026-03-23T08:00:00Z",
      newUid: "new-series@concord",
      now,
    });
    expect(before).not.toBeNull();
    expect(starts(before!)).toEqual(["2026-03-16T08:00:00Z"]);
    expect(unfoldedLines(before!)).toContain("RRULE:FREQ=WEEKLY;UNTIL=20260323T075959Z");
    expect(parseEventResource(before!).overrides).toHaveLength(0);
    expect(before).not.toContain("EXDATE;TZID=Europe/Berlin:20260406T090000");

    const afterParsed = parseEventResource(after);
    expect(afterParsed.uid).toBe("new-series@concord");
    expect(afterParsed.sequence).toBe(0);
    expect(afterParsed.fields.start).toBe("2026-03-23T08:00:00Z");
    expect(unfoldedLines(after)).toContain("RRULE:FREQ=WEEKLY;COUNT=5");
    expect(afterParsed.overrides.map((o) => o.recurrenceId)).toEqual(["2026-03-30T07:00:00Z", "2026-04-13T07:00:00Z"]);
    const uids = unfoldedLines(after).filter((l) => l.startsWith("UID:"));
    expect(uids.filter((l) => l === "UID:new-series@concord")).toHaveLength(3);
    // The alarm's own UID is not the event's.
    expect(uids).toContain("UID:A1B2C3D4-1111-2222-3333-444455556666");
    expect(uids).toHaveLength(4);
    expect(starts(after)).toEqual(["2026-03-23T08:00:00Z", "2026-03-31T12:00:00Z", "2026-04-20T07:00:00Z"]);
    // Together the two halves show exactly the occurrences of the original.
    expect([...starts(before!), ...starts(after)]).toEqual(starts(original));
    // Alarms and attendees travel to the new series.
    expect(after).toContain("BEGIN:VALARM");
    expect(after).toContain("ORGANIZER;CN=Anna Schmidt");
  });

  it("splits an all-day UNTIL series and keeps UNTIL on the new one", () => {
    const original = readFixture("google-allday-weekly.ics");
    const { before, after } = splitSeries({ ical: original, at: "2026-03-27", newUid: "n2", now });
    expect(unfoldedLines(before!)).toContain("RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=FR;UNTIL=20260326");
    expect(unfoldedLines(after)).toContain("RRULE:FREQ=WEEKLY;WKST=MO;UNTIL=20260403;BYDAY=FR");
    expect(unfoldedLines(after)).toContain("DTSTART;VALUE=DATE:20260327");
    expect(unfoldedLines(after)).toContain("DTEND;VALUE=DATE:20260328");
    expect(starts(before!)).toEqual(["2026-03-06", "2026-03-13"]);
    expect(starts(after)).toEqual(["2026-03-27", "2026-04-03"]);
  });

  it("returns no before part when splitting at the first occurrence", () => {
    const { before, after } = splitSeries({
      ical: readFixture("thunderbird-rdate.ics"),
      at: "2026-03-06T22:00:00Z",
      newUid: "n3",
      now,
    });
    expect(before).toBeNull();
    expect(starts(after)).toEqual([
      "2026-03-06T22:00:00Z",
      "2026-03-07T22:00:00Z",
      "2026-03-08T21:00:00Z",
      "2026-03-14T21:00:00Z",
    ]);
  });

  it("moves RDATEs after the split into the new series", () => {
    const { before, after } = splitSeries({
      ical: readFixture("thunderbird-rdate.ics"),
      at: "2026-03-08T21:00:00Z",
      newUid: "n4",
      now,
    });
    expect(starts(before!)).toEqual(["2026-03-06T22:00:00Z", "2026-03-07T22:00:00Z"]);
    expect(unfoldedLines(after)).toContain("RRULE:FREQ=DAILY;COUNT=1");
    expect(starts(after)).toEqual(["2026-03-08T21:00:00Z", "2026-03-14T21:00:00Z"]);
  });
});
