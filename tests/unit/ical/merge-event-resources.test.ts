import { describe, expect, it } from "vitest";
import { extractEventFields } from "../../../lib/ical/extract-event-fields.ts";
import { mergeEventResources } from "../../../lib/ical/merge-event-resources.ts";
import { parseEventResource } from "../../../lib/ical/parse-event-resource.ts";
import { patchEventResource } from "../../../lib/ical/patch-event-resource.ts";
import { readFixture, unfoldedLines } from "./fixtures.ts";

const now = new Date("2026-05-01T12:00:00Z");
const base = readFixture("icloud-weekly-berlin.ics");

/** Adds a line to the master VEVENT just before its VALARM (an unmodelled change). */
function addToMaster(text: string, line: string): string {
  return text.replace("BEGIN:VALARM", `${line}\nBEGIN:VALARM`);
}

describe("mergeEventResources", () => {
  it("merges disjoint field edits onto the remote text, keeping the remote's unmodelled change", () => {
    const local = patchEventResource({ ical: base, changes: { title: "Weekly planning" }, now });
    const remote = addToMaster(
      patchEventResource({ ical: base, changes: { location: "Raum 5" }, now }),
      "X-APPLE-EWS-BUSYSTATUS:FREE",
    );
    const result = mergeEventResources({ base, local, remote, now });
    expect(result.conflicts).toEqual([]);
    const fields = extractEventFields(result.merged);
    expect(fields.title).toBe("Weekly planning");
    expect(fields.location).toBe("Raum 5");
    expect(result.merged).toContain("X-APPLE-EWS-BUSYSTATUS:FREE");
    // SEQUENCE goes above both sides.
    expect(parseEventResource(result.merged).sequence).toBe(4);
  });

  it("reports a field conflict and keeps the remote value in the merged text", () => {
    const local = patchEventResource({ ical: base, changes: { title: "Mine" }, now });
    const remote = patchEventResource({ ical: base, changes: { title: "Theirs" }, now });
    const result = mergeEventResources({ base, local, remote, now });
    expect(result.conflicts).toEqual(["title"]);
    expect(result.fields.title).toBe("Theirs");
  });

  it("treats equal edits on both sides as no conflict", () => {
    const local = patchEventResource({
      ical: base,
      changes: { start: "2026-03-16T09:00:00Z", end: "2026-03-16T10:00:00Z" },
      now,
    });
    const remote = patchEventResource({
      ical: base,
      changes: { start: "2026-03-16T09:00:00Z", end: "2026-03-16T10:00:00Z" },
      now,
    });
    const result = mergeEventResources({ base, local, remote, now });
    expect(result.conflicts).toEqual([]);
    expect(result.merged).toBe(remote);
  });

  it("conflicts as other when both sides change unmodelled content differently", () => {
    const local = addToMaster(base, "X-CONCORD-NOTE:a");
    const remote = addToMaster(base, "X-CONCORD-NOTE:b");
    expect(mergeEventResources({ base, local, remote, now }).conflicts).toEqual(["other"]);
  });

  it("starts from the local text when only the local side changed an override", () => {
    const local = patchEventResource({
      ical: base,
      recurrenceId: "2026-03-23T08:00:00Z",
      changes: { title: "Only this week" },
      now,
    });
    const remote = patchEventResource({ ical: base, changes: { description: "Agenda in the doc" }, now });
    const result = mergeEventResources({ base, local, remote, now });
    expect(result.conflicts).toEqual([]);
    expect(extractEventFields(result.merged, "2026-03-23T08:00:00Z").title).toBe("Only this week");
    expect(extractEventFields(result.merged).description).toBe("Agenda in the doc");
  });

  it("without a base, identical texts merge cleanly and different ones conflict", () => {
    expect(mergeEventResources({ base: null, local: base, remote: base, now })).toEqual({
      merged: base,
      fields: extractEventFields(base),
      conflicts: [],
    });
    const remote = patchEventResource({ ical: base, changes: { title: "Theirs" }, now });
    expect(mergeEventResources({ base: null, local: base, remote, now }).conflicts).toEqual(["title"]);
  });

  it("ignores server rewrites of volatile properties", () => {
    const remote = base
      .replace(/DTSTAMP:20260301T101512Z\n/g, "")
      .replace("PRODID:-//Apple Inc.//iOS 17.2//EN", "PRODID:-//CALENDARSERVER.ORG//NONSGML Version 1//EN");
    const local = patchEventResource({ ical: base, changes: { title: "Renamed" }, now });
    const result = mergeEventResources({ base, local, remote, now });
    expect(result.conflicts).toEqual([]);
    expect(unfoldedLines(result.merged)).toContain("SUMMARY:Renamed");
    expect(result.merged).toContain("PRODID:-//CALENDARSERVER.ORG//NONSGML Version 1//EN");
  });
});
