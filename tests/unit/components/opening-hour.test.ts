import { describe, expect, it } from "vitest";
import { defaultOpeningHour, openingHour } from "../../../components/calendar/opening-hour.ts";

/** The week of 8-14 March 2027 as shown in New York (EST, UTC-5). */
const week = { start: new Date("2027-03-08T05:00:00Z"), end: new Date("2027-03-15T04:00:00Z") };
const timed = (start: string, end: string) => ({ start, end, allDay: false, timeZone: "Europe/Berlin" });

describe("openingHour", () => {
  it("opens an hour before the earliest event of the range, as wall time in the display zone", () => {
    const items = [
      timed("2027-03-10T14:00:00Z", "2027-03-10T15:00:00Z"),
      timed("2027-03-11T08:30:00Z", "2027-03-11T09:00:00Z"),
    ];
    const now = new Date("2027-06-01T12:00:00Z");
    expect(openingHour({ items, range: week, now, timeZone: "America/New_York" })).toBe("02:00:00");
    expect(openingHour({ items, range: week, now, timeZone: "Europe/Berlin" })).toBe("08:00:00");
  });

  it("opens an hour before the current time when it comes before the first event of a range showing today", () => {
    const items = [timed("2027-03-10T20:00:00Z", "2027-03-10T21:00:00Z")];
    const now = new Date("2027-03-10T12:10:00Z");
    expect(openingHour({ items, range: week, now, timeZone: "America/New_York" })).toBe("06:00:00");
  });

  it("ignores all-day events and events outside the range, and has a morning default", () => {
    const items = [
      { start: "2027-03-10", end: "2027-03-11", allDay: true },
      timed("2027-03-20T01:00:00Z", "2027-03-20T02:00:00Z"),
    ];
    const now = new Date("2027-06-01T12:00:00Z");
    expect(openingHour({ items, range: week, now, timeZone: "America/New_York" })).toBe(defaultOpeningHour);
  });

  it("places a floating time at its written wall time in any zone", () => {
    const items = [{ start: "2027-03-10T06:15:00Z", end: "2027-03-10T07:00:00Z", allDay: false, timeZone: "floating" }];
    const now = new Date("2027-06-01T12:00:00Z");
    expect(openingHour({ items, range: week, now, timeZone: "Asia/Tokyo" })).toBe("05:00:00");
  });
});
