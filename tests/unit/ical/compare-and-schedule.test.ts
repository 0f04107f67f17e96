import { describe, expect, it } from "vitest";
import { contentHash } from "../../../lib/ical/content-hash.ts";
import { normaliseForCompare } from "../../../lib/ical/normalise-for-compare.ts";
import { setScheduleAgentClient } from "../../../lib/ical/set-schedule-agent-client.ts";
import { readFixture, unfoldedLines } from "./fixtures.ts";

const original = readFixture("icloud-weekly-berlin.ics");

describe("contentHash / normaliseForCompare", () => {
  it.each([
    [
      "new DTSTAMP and LAST-MODIFIED",
      (t: string) =>
        t
          .replace(/DTSTAMP:20260301T101512Z/g, "DTSTAMP:20261111T111111Z")
          .replace("LAST-MODIFIED:20260301T101511Z", "LAST-MODIFIED:20261111T111111Z"),
    ],
    [
      "another PRODID and SEQUENCE",
      (t: string) => t.replace("PRODID:-//Apple Inc.//iOS 17.2//EN", "PRODID:x").replace("SEQUENCE:2", "SEQUENCE:9"),
    ],
    ["VTIMEZONE dropped", (t: string) => t.replace(/BEGIN:VTIMEZONE[\s\S]*END:VTIMEZONE\n/, "")],
    [
      "CRLF line endings and other folding",
      (t: string) =>
        t.replace(/\n /g, "").replace("SUMMARY:Wochenplanung\n", "SUMMARY:Wochen\n planung\n").replace(/\n/g, "\r\n"),
    ],
    [
      "property order changed",
      (t: string) =>
        t.replace("SUMMARY:Wochenplanung\nUID:", "UID:").replace("LOCATION:", "SUMMARY:Wochenplanung\nLOCATION:"),
    ],
    [
      "iCloud's X-RECURRENCE-EXCEPTION removed",
      (t: string) => t.replace("X-RECURRENCE-EXCEPTION;TZID=Europe/Berlin:20260406T090000\n", ""),
    ],
  ])("is unchanged by %s", (_name, rewrite) => {
    const rewritten = rewrite(original);
    expect(rewritten).not.toBe(original);
    expect(contentHash(rewritten)).toBe(contentHash(original));
  });

  it.each([
    ["a changed title", (t: string) => t.replace("SUMMARY:Wochenplanung\nUID", "SUMMARY:Planung\nUID")],
    ["a changed alarm", (t: string) => t.replace("TRIGGER:-PT15M", "TRIGGER:-PT30M")],
    [
      "a removed override",
      (t: string) => t.replace(/BEGIN:VEVENT\nDTEND;TZID=Europe\/Berlin:20260413T100000[\s\S]*?END:VEVENT\n/, ""),
    ],
  ])("changes with %s", (_name, rewrite) => {
    expect(contentHash(rewrite(original))).not.toBe(contentHash(original));
  });

  it("omits volatile lines from the canonical text", () => {
    const canonical = normaliseForCompare(original);
    expect(canonical).not.toContain("DTSTAMP");
    expect(canonical).not.toContain("VTIMEZONE");
    expect(canonical).toContain("SUMMARY:Wochenplanung");
  });
});

describe("setScheduleAgentClient", () => {
  it("adds SCHEDULE-AGENT=CLIENT to every ATTENDEE and ORGANIZER, leaving other lines alone", () => {
    const text = setScheduleAgentClient(original);
    const lines = unfoldedLines(text);
    const people = lines.filter((l) => l.startsWith("ATTENDEE") || l.startsWith("ORGANIZER"));
    expect(people).toHaveLength(4);
    for (const line of people) expect(line).toMatch(/;SCHEDULE-AGENT=CLIENT:mailto:/);
    expect(people).toContain(
      'ATTENDEE;CN="Jörg Weiß, Team";CUTYPE=INDIVIDUAL;EMAIL=joerg@example.com;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=TRUE;SCHEDULE-AGENT=CLIENT:mailto:joerg@example.com',
    );
    const others = (t: string): string[] =>
      unfoldedLines(t).filter((l) => !l.startsWith("ATTENDEE") && !l.startsWith("ORGANIZER"));
    expect(others(text)).toEqual(others(original));
    for (const line of text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it("replaces another SCHEDULE-AGENT value and is idempotent", () => {
    const server = original.replace("ORGANIZER;CN=Anna Schmidt;", "ORGANIZER;SCHEDULE-AGENT=SERVER;CN=Anna Schmidt;");
    const once = setScheduleAgentClient(server);
    expect(unfoldedLines(once)).toContain(
      "ORGANIZER;CN=Anna Schmidt;EMAIL=anna@example.com;SCHEDULE-AGENT=CLIENT:mailto:anna@example.com",
    );
    expect(setScheduleAgentClient(once)).toBe(once);
  });
});
