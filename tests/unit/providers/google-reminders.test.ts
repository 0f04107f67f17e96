import { describe, expect, it } from "vitest";
import { icalToGoogleSeries } from "../../../lib/providers/google/ical-to-google-series.ts";

const alarm = (lines: string[]) => ["BEGIN:VALARM", ...lines, "END:VALARM"];

function eventWith(extra: string[]): string {
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Test//EN",
    "BEGIN:VEVENT",
    "UID:alarms@example.test",
    "DTSTAMP:20270301T000000Z",
    "DTSTART:20270310T090000Z",
    "DTEND:20270310T100000Z",
    "SUMMARY:Dentist",
    ...extra,
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}

describe("Google reminders from VALARMs", () => {
  it("turns alarms before the start into popup and email reminders, skipping what Google cannot hold", () => {
    const ical = eventWith([
      ...alarm(["ACTION:DISPLAY", "DESCRIPTION:Reminder", "TRIGGER:-PT15M"]),
      ...alarm(["ACTION:EMAIL", "DESCRIPTION:Mail", "SUMMARY:Mail", "TRIGGER;RELATED=START:-PT1H"]),
      ...alarm(["ACTION:AUDIO", "TRIGGER:-PT15M"]),
      ...alarm(["ACTION:DISPLAY", "DESCRIPTION:At start", "TRIGGER:PT0S"]),
      // Not expressible as Google reminders: after the start, relative to the end, absolute,
      // beyond four weeks, not whole minutes.
      ...alarm(["ACTION:DISPLAY", "DESCRIPTION:Late", "TRIGGER:PT5M"]),
      ...alarm(["ACTION:DISPLAY", "DESCRIPTION:End", "TRIGGER;RELATED=END:-PT5M"]),
      ...alarm(["ACTION:DISPLAY", "DESCRIPTION:Fixed", "TRIGGER;VALUE=DATE-TIME:20270309T090000Z"]),
      ...alarm(["ACTION:DISPLAY", "DESCRIPTION:Far", "TRIGGER:-P5W"]),
      ...alarm(["ACTION:DISPLAY", "DESCRIPTION:Odd", "TRIGGER:-PT90S"]),
    ]);
    expect(icalToGoogleSeries(ical).master.resource.reminders).toEqual({
      useDefault: false,
      overrides: [
        { method: "popup", minutes: 0 },
        { method: "popup", minutes: 15 },
        { method: "email", minutes: 60 },
      ],
    });
  });

  it("keeps at most five, the earliest first", () => {
    const minutes = [5, 10, 30, 60, 120, 1440];
    const ical = eventWith(minutes.flatMap((m) => alarm(["ACTION:DISPLAY", "DESCRIPTION:x", `TRIGGER:-PT${m}M`])));
    const reminders = icalToGoogleSeries(ical).master.resource.reminders;
    expect(reminders?.overrides?.map((o) => o.minutes)).toEqual([5, 10, 30, 60, 120]);
  });

  it("sends no reminders for an event without alarms, and lets Google's own reminders win", () => {
    expect(icalToGoogleSeries(eventWith([])).master.resource.reminders).toBeUndefined();
    const google = Buffer.from(JSON.stringify({ reminders: { useDefault: true } })).toString("base64");
    const ical = eventWith([
      `X-CONCORD-GOOGLE;VALUE=BINARY;ENCODING=BASE64:${google}`,
      ...alarm(["ACTION:DISPLAY", "DESCRIPTION:Reminder", "TRIGGER:-PT15M"]),
    ]);
    expect(icalToGoogleSeries(ical).master.resource.reminders).toEqual({ useDefault: true });
  });
});
