import { describe, expect, it } from "vitest";
import { IcalParseError } from "../../../lib/ical/ical-parse-error.ts";
import { parseEventResource } from "../../../lib/ical/parse-event-resource.ts";
import { readFixture } from "./fixtures.ts";

interface Expected {
  uid: string;
  title: string;
  start: string;
  end: string;
  allDay: boolean;
  timeZone: string | null;
  isFloating: boolean;
  isRecurring: boolean;
  hasMaster: boolean;
  seriesStart: string;
  seriesEnd: string | null;
  overrides: number;
}

const cases: Array<[string, Expected]> = [
  [
    "icloud-weekly-berlin.ics",
    {
      uid: "6B1F2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D",
      title: "Wochenplanung",
      start: "2026-03-16T08:00:00Z",
      end: "2026-03-16T09:00:00Z",
      allDay: false,
      timeZone: "Europe/Berlin",
      isFloating: false,
      isRecurring: true,
      hasMaster: true,
      seriesStart: "2026-03-16T08:00:00.000Z",
      // COUNT=6: the 6th Monday (20 April, CEST) ends 10:00 local = 08:00Z.
      seriesEnd: "2026-04-20T08:00:00.000Z",
      overrides: 2,
    },
  ],
  [
    "google-allday-weekly.ics",
    {
      uid: "0a1b2c3d4e5f6g7h8i9j@google.com",
      title: "Sporttag 🏅",
      start: "2026-03-06",
      end: "2026-03-07",
      allDay: true,
      timeZone: null,
      isFloating: false,
      isRecurring: true,
      hasMaster: true,
      seriesStart: "2026-03-06T00:00:00.000Z",
      seriesEnd: "2026-04-04T00:00:00.000Z",
      overrides: 0,
    },
  ],
  [
    "radicale-floating.ics",
    {
      uid: "floating-standup@radicale.example",
      title: "Floating stand-up",
      start: "2026-02-15T07:30:00Z",
      // No DTEND, no DURATION, DATE-TIME start: an instant (RFC 5545 §3.6.1).
      end: "2026-02-15T07:30:00Z",
      allDay: false,
      timeZone: "floating",
      isFloating: true,
      isRecurring: false,
      hasMaster: true,
      seriesStart: "2026-02-15T07:30:00.000Z",
      seriesEnd: "2026-02-15T07:30:00.000Z",
      overrides: 0,
    },
  ],
  [
    "thunderbird-rdate.ics",
    {
      uid: "e1f3c6b2-7a4d-4b8e-9c1a-2d3e4f5a6b7c",
      title: "Daily check-in",
      start: "2026-03-06T22:00:00Z",
      end: "2026-03-06T22:30:00Z",
      allDay: false,
      timeZone: "America/New_York",
      isFloating: false,
      isRecurring: true,
      hasMaster: true,
      seriesStart: "2026-03-06T22:00:00.000Z",
      // RDATE 14 March 17:00 EDT is the last occurrence.
      seriesEnd: "2026-03-14T21:30:00.000Z",
      overrides: 0,
    },
  ],
  [
    "outlook-windows-tzid.ics",
    {
      uid: "040000008200E00074C5B7101A82E00800000000B0D1B1C2D3E4D801000000000000000010000000A1B2C3D4E5F60718293A4B5C6D7E8F9",
      title: "Quarterly review",
      start: "2026-07-07T12:00:00Z",
      // DURATION:PT1H30M instead of DTEND.
      end: "2026-07-07T13:30:00Z",
      allDay: false,
      timeZone: "Europe/Berlin",
      isFloating: false,
      isRecurring: false,
      hasMaster: true,
      seriesStart: "2026-07-07T12:00:00.000Z",
      seriesEnd: "2026-07-07T13:30:00.000Z",
      overrides: 0,
    },
  ],
  [
    "outlook-custom-tzid.ics",
    {
      uid: "040000008200E00074C5B7101A82E0080000000090B8A6B7C8D9DA010000000000000000100000005E6F7A8B9C0D1E2F3A4B5C6D7E8F9A0B",
      title: "Zahnarzt",
      // Only the VTIMEZONE defines this TZID: 11:00 at +01:00 in January.
      start: "2026-01-15T10:00:00Z",
      end: "2026-01-15T11:00:00Z",
      allDay: false,
      timeZone: null,
      isFloating: false,
      isRecurring: false,
      hasMaster: true,
      seriesStart: "2026-01-15T10:00:00.000Z",
      seriesEnd: "2026-01-15T11:00:00.000Z",
      overrides: 0,
    },
  ],
  [
    "icloud-overrides-only.ics",
    {
      uid: "series-owned-elsewhere@example.com",
      title: "Guest lecture (invited to one session)",
      start: "2026-04-10T14:00:00Z",
      end: "2026-04-10T15:00:00Z",
      allDay: false,
      timeZone: null,
      isFloating: false,
      isRecurring: true,
      hasMaster: false,
      seriesStart: "2026-04-10T14:00:00.000Z",
      seriesEnd: "2026-04-10T15:00:00.000Z",
      overrides: 1,
    },
  ],
  [
    "allday-no-dtend.ics",
    {
      uid: "birthday-2026@example.com",
      title: "Geburtstag Oma",
      start: "2026-05-12",
      // DATE start without DTEND lasts one day.
      end: "2026-05-13",
      allDay: true,
      timeZone: null,
      isFloating: false,
      isRecurring: false,
      hasMaster: true,
      seriesStart: "2026-05-12T00:00:00.000Z",
      seriesEnd: "2026-05-13T00:00:00.000Z",
      overrides: 0,
    },
  ],
  [
    "unknown-tzids.ics",
    {
      uid: "paris-no-vtimezone@example.com",
      title: "Concert",
      // Europe/Paris without VTIMEZONE (resolved by name), DTEND with a Mozilla-prefixed TZID.
      start: "2026-07-01T16:30:00Z",
      end: "2026-07-01T18:00:00Z",
      allDay: false,
      timeZone: "Europe/Paris",
      isFloating: false,
      isRecurring: false,
      hasMaster: true,
      seriesStart: "2026-07-01T16:30:00.000Z",
      seriesEnd: "2026-07-01T18:00:00.000Z",
      overrides: 0,
    },
  ],
  [
    "mars-tzid.ics",
    {
      uid: "mars@example.com",
      title: "Sol briefing",
      // An unknown TZID without VTIMEZONE is read as floating and flagged.
      start: "2026-07-01T08:00:00Z",
      end: "2026-07-01T09:00:00Z",
      allDay: false,
      timeZone: "floating",
      isFloating: true,
      isRecurring: false,
      hasMaster: true,
      seriesStart: "2026-07-01T08:00:00.000Z",
      seriesEnd: "2026-07-01T09:00:00.000Z",
      overrides: 0,
    },
  ],
];

describe("parseEventResource", () => {
  it.each(cases)("reads %s", (file, expected) => {
    const parsed = parseEventResource(readFixture(file));
    expect({
      uid: parsed.uid,
      title: parsed.fields.title,
      start: parsed.fields.start,
      end: parsed.fields.end,
      allDay: parsed.allDay,
      timeZone: parsed.fields.timeZone,
      isFloating: parsed.isFloating,
      isRecurring: parsed.isRecurring,
      hasMaster: parsed.hasMaster,
      seriesStart: parsed.seriesStart.toISOString(),
      seriesEnd: parsed.seriesEnd?.toISOString() ?? null,
      overrides: parsed.overrides.length,
    }).toEqual(expected);
    expect(parsed.startAt.getTime()).toBe(Date.parse(expected.allDay ? `${expected.start}T00:00:00Z` : expected.start));
  });

  it("reads text fields with escapes, non-ASCII and folded lines", () => {
    const google = parseEventResource(readFixture("google-allday-weekly.ics")).fields;
    expect(google.description).toBe(
      "Bitte Sportsachen einpacken! 🏃‍♀️ Treffpunkt ist wie immer vor der Turnhalle, danach gibt es Kuchen bei Familie Ødegård. Diese Zeile ist absichtlich sehr lang, damit sie gefaltet wird.\nZweite Zeile.",
    );
    expect(google.recurrence).toEqual([
      "RRULE:FREQ=WEEKLY;WKST=MO;UNTIL=20260403;BYDAY=FR",
      "EXDATE;VALUE=DATE:20260320",
    ]);
    const icloud = parseEventResource(readFixture("icloud-weekly-berlin.ics"));
    expect(icloud.fields.location).toBe("Büro 3.14, Müllerstraße 12");
    expect(icloud.sequence).toBe(2);
    expect(icloud.fields.status).toBe("confirmed");
  });

  it("summarises moved and cancelled overrides", () => {
    const { overrides } = parseEventResource(readFixture("icloud-weekly-berlin.ics"));
    expect(overrides).toEqual([
      {
        recurrenceId: "2026-03-30T07:00:00Z",
        start: "2026-03-31T12:00:00Z",
        end: "2026-03-31T13:00:00Z",
        status: "confirmed",
        isCancelled: false,
      },
      {
        recurrenceId: "2026-04-13T07:00:00Z",
        start: "2026-04-13T07:00:00Z",
        end: "2026-04-13T08:00:00Z",
        status: "cancelled",
        isCancelled: true,
      },
    ]);
  });

  it("reports an open-ended series with a null series end", () => {
    const text = readFixture("radicale-floating.ics").replace(
      "DTSTART:20260215T073000",
      "DTSTART:20260215T073000\r\nRRULE:FREQ=DAILY",
    );
    const parsed = parseEventResource(text);
    expect(parsed.isRecurring).toBe(true);
    expect(parsed.seriesEnd).toBeNull();
  });

  it("reads LF line endings and lower-case names", () => {
    const text =
      "begin:VCALENDAR\nversion:2.0\nbegin:VEVENT\nuid:lf@x\ndtstart:20260101T100000Z\nsummary:LF only\nend:VEVENT\nend:VCALENDAR\n";
    const parsed = parseEventResource(text);
    expect(parsed.fields.title).toBe("LF only");
    expect(parsed.fields.start).toBe("2026-01-01T10:00:00Z");
  });

  it.each([
    ["empty text", ""],
    ["not iCalendar", "<html><body>502 Bad Gateway</body></html>"],
    ["no VEVENT", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"],
    ["unbalanced END", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260101T000000Z\r\nEND:VCALENDAR\r\n"],
    ["missing DTSTART", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"],
    [
      "garbage DTSTART",
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:tomorrow\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    ],
    ["missing UID", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260101T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"],
  ])("throws IcalParseError for %s", (_name, text) => {
    expect(() => parseEventResource(text)).toThrow(IcalParseError);
  });
});
