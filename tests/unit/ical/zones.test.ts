import { describe, expect, it } from "vitest";
import { ianaNameForTzid } from "../../../lib/ical/resolve-zone.ts";
import { ianaZone } from "../../../lib/ical/zones.ts";
import { parseEventResource } from "../../../lib/ical/parse-event-resource.ts";

describe("ianaNameForTzid", () => {
  it.each([
    ["Europe/Berlin", "Europe/Berlin"],
    ["W. Europe Standard Time", "Europe/Berlin"],
    ["Eastern Standard Time", "America/New_York"],
    ["Pacific Standard Time", "America/Los_Angeles"],
    ["Tokyo Standard Time", "Asia/Tokyo"],
    ["GMT Standard Time", "Europe/London"],
    ["/mozilla.org/20070129_1/Europe/Paris", "Europe/Paris"],
    ["/softwarestudio.org/Olson_20011030_5/America/New_York", "America/New_York"],
    ["UTC", "UTC"],
    ["GMT", "UTC"],
    ["Mars/Olympus_Mons", null],
    ["(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", null],
  ])("%s -> %s", (tzid, expected) => {
    expect(ianaNameForTzid(tzid)).toBe(expected);
  });
});

describe("Intl zone conversion", () => {
  const berlin = ianaZone("Europe/Berlin")!;
  it.each([
    ["ordinary winter time", "2026-01-10T09:00:00", "2026-01-10T08:00:00Z"],
    ["ordinary summer time", "2026-07-10T09:00:00", "2026-07-10T07:00:00Z"],
    // RFC 5545 §3.3.5: a time in the spring-forward gap uses the offset before the gap.
    ["spring-forward gap", "2026-03-29T02:30:00", "2026-03-29T01:30:00Z"],
    // ...and an ambiguous fall-back time is its first occurrence (still CEST).
    ["fall-back overlap", "2026-10-25T02:30:00", "2026-10-25T00:30:00Z"],
  ])("wall to UTC: %s", (_name, wall, utc) => {
    expect(new Date(berlin.wallToUtc(Date.parse(`${wall}Z`))).toISOString().replace(".000", "")).toBe(utc);
  });

  it("maps every existing wall time of a year back to itself", () => {
    const start = Date.parse("2026-01-01T00:00:00Z");
    let mismatches = 0;
    for (let t = start; t < start + 366 * 86_400_000; t += 1_800_000) {
      const wall = berlin.utcToWall(t);
      if (berlin.utcToWall(berlin.wallToUtc(wall)) !== wall) mismatches++;
      // Only the repeated fall-back hour maps to an earlier instant than t.
      if (berlin.wallToUtc(wall) !== t) expect(berlin.wallToUtc(wall)).toBe(t - 3_600_000);
    }
    expect(mismatches).toBe(0);
  });

  it("returns null for unknown zones", () => {
    expect(ianaZone("Nowhere/Special")).toBeNull();
  });
});

describe("lenient input", () => {
  it("reads a payload with a byte order mark and trailing blank lines", () => {
    const text =
      "\uFEFFBEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:bom\r\nDTSTART:20260101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n\r\n\r\n";
    expect(parseEventResource(text).uid).toBe("bom");
  });
});
