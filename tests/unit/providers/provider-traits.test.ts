import { describe, expect, it } from "vitest";
import { providerTraits } from "../../../lib/providers/provider-traits.ts";
import { icalLeavingGoogle } from "../../../lib/providers/google/ical-leaving-google.ts";

const withCarriedReminders = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//test//EN",
  "BEGIN:VEVENT",
  "UID:leaving@test",
  "DTSTAMP:20270101T000000Z",
  "DTSTART:20270310T090000Z",
  "DTEND:20270310T100000Z",
  "SUMMARY:Flight",
  `X-CONCORD-GOOGLE:${Buffer.from(JSON.stringify({ reminders: { useDefault: false, overrides: [{ method: "popup", minutes: 30 }] } })).toString("base64")}`,
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

describe("providerTraits", () => {
  it("rewrites an event leaving Google for CalDAV or iCloud, and only then", () => {
    const google = providerTraits("google");
    expect(google.icalLeaving({ ical: withCarriedReminders, target: "google" })).toBe(withCarriedReminders);
    for (const target of ["caldav", "icloud"] as const) {
      expect(google.icalLeaving({ ical: withCarriedReminders, target })).toBe(icalLeavingGoogle(withCarriedReminders));
    }
    expect(icalLeavingGoogle(withCarriedReminders)).not.toBe(withCarriedReminders);
  });

  it("leaves events leaving CalDAV and iCloud as they are", () => {
    for (const source of ["caldav", "icloud"] as const) {
      expect(providerTraits(source).icalLeaving({ ical: withCarriedReminders, target: "google" })).toBe(
        withCarriedReminders,
      );
    }
  });

  it("orders moves delete-first only where one UID lives in one calendar of an account", () => {
    expect(providerTraits("icloud").uidUniquePerAccount).toBe(true);
    expect(providerTraits("caldav").uidUniquePerAccount).toBe(false);
    expect(providerTraits("google").uidUniquePerAccount).toBe(false);
  });
});
