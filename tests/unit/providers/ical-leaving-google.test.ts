import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import type { GoogleEvent } from "../../../lib/providers/google/google-event.ts";
import { googleSeriesToIcal } from "../../../lib/providers/google/google-series-to-ical.ts";
import { icalLeavingGoogle } from "../../../lib/providers/google/ical-leaving-google.ts";
import { icalToGoogleSeries } from "../../../lib/providers/google/ical-to-google-series.ts";
import { googleFixture } from "../../fakes/google/setup-google-provider.ts";

const flight: GoogleEvent = { ...(googleFixture("flight-with-reminders") as GoogleEvent), id: "abc", etag: '"1"' };

const alarmsOf = (ical: string) =>
  new ICAL.Component(ICAL.parse(ical))
    .getFirstSubcomponent("vevent")!
    .getAllSubcomponents("valarm")
    .map((alarm) => `${alarm.getFirstPropertyValue("action")} ${String(alarm.getFirstPropertyValue("trigger"))}`);

describe("iCalendar leaving Google for a CalDAV calendar", () => {
  it("writes Google's carried fields as a plain value, never as ENCODING=BASE64", () => {
    const ical = googleSeriesToIcal({ master: flight, exceptions: [] });
    expect(ical).toMatch(/^X-CONCORD-GOOGLE:/m);
    expect(ical).not.toContain("ENCODING=BASE64");
    expect(icalToGoogleSeries(ical).master.resource).toMatchObject({ colorId: "5", reminders: flight.reminders });
  });

  it("turns popup reminders into alarms, drops email ones, and keeps the other Google fields", () => {
    const leaving = icalLeavingGoogle(googleSeriesToIcal({ master: flight, exceptions: [] }));
    expect(alarmsOf(leaving)).toEqual(["DISPLAY -PT30M", "DISPLAY -PT2H"]);
    const back = icalToGoogleSeries(leaving).master.resource;
    expect(back.colorId).toBe("5");
    expect(back.reminders).toEqual({
      useDefault: false,
      overrides: [
        { method: "popup", minutes: 30 },
        { method: "popup", minutes: 120 },
      ],
    });
  });

  it("rewrites the BINARY form stored by earlier versions, and leaves other text alone", () => {
    const fields = Buffer.from(JSON.stringify({ colorId: "7" })).toString("base64");
    const { reminders: _reminders, colorId: _colorId, ...plainFlight } = flight;
    const old = googleSeriesToIcal({ master: plainFlight, exceptions: [] }).replace(
      "END:VEVENT",
      `X-CONCORD-GOOGLE;ENCODING=BASE64;VALUE=BINARY:${fields}\r\nEND:VEVENT`,
    );
    expect(old.match(/^X-CONCORD-GOOGLE[;:]/gm)).toHaveLength(1);
    const leaving = icalLeavingGoogle(old);
    expect(leaving).not.toContain("ENCODING=BASE64");
    expect(icalToGoogleSeries(leaving).master.resource.colorId).toBe("7");
    const plain = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
    expect(icalLeavingGoogle(plain)).toBe(plain);
  });
});
