import { describe, expect, it } from "vitest";
import { expandOccurrences, expandSeriesWithinBudget } from "../../../lib/ical/expand-occurrences.ts";
import { createExpansionBudget } from "../../../lib/ical/expansion-budget.ts";
import { parseEventResource } from "../../../lib/ical/parse-event-resource.ts";
import { readFixture } from "./fixtures.ts";

const thirteenMonths = { rangeStart: "2026-01-01T00:00:00Z", rangeEnd: "2027-02-01T00:00:00Z" };

/** A budget bounded by steps only, so the outcome does not depend on the machine's speed. */
function stepBudget(steps: number) {
  return createExpansionBudget({
    maxMs: 600_000,
    eventMaxMs: 600_000,
    eventMaxWallMs: 600_000,
    eventMaxSteps: steps,
  }).forEvent();
}

function withRule(rule: string): string {
  return readFixture("rule-bomb-secondly.ics").replace("RRULE:FREQ=SECONDLY", `RRULE:${rule}`);
}

describe("recurrence expansion under a budget", () => {
  it("shows the first occurrence of 50 rules that match no date, marked, without expanding them", () => {
    const ical = readFixture("rule-bomb-february-30.ics");
    const result = expandSeriesWithinBudget({ ical, ...thirteenMonths, budget: stepBudget(1) });
    expect(result.isTooComplex).toBe(true);
    expect(result.occurrences.map((o) => [o.originalStart, o.start, o.end])).toEqual([
      ["2026-03-10T09:00:00Z", "2026-03-10T09:00:00Z", "2026-03-10T10:00:00Z"],
    ]);
    const parsed = parseEventResource(ical);
    expect(parsed.isRecurrenceTooComplex).toBe(true);
    // Kept as a series that may reach any later range (never dropped), starting at DTSTART.
    expect(parsed.seriesStart.toISOString()).toBe("2026-03-10T09:00:00.000Z");
    expect(parsed.seriesEnd).toBeNull();
  });

  it("shows the first occurrence of FREQ=SECONDLY, marked, and nothing in later ranges", () => {
    const ical = readFixture("rule-bomb-secondly.ics");
    const result = expandSeriesWithinBudget({ ical, ...thirteenMonths });
    expect(result).toMatchObject({ isTooComplex: true });
    expect(result.occurrences.map((o) => o.start)).toEqual(["2026-03-11T09:00:00Z"]);
    expect(expandOccurrences({ ical, rangeStart: "2026-04-01T00:00:00Z", rangeEnd: "2026-05-01T00:00:00Z" })).toEqual(
      [],
    );
  });

  it("stops a rule the limits cannot see through (ical.js finds no date) once its steps are spent", () => {
    // A DAILY rule with an ordinal weekday never matches; ical.js would search for ever.
    const ical = withRule("FREQ=DAILY;BYDAY=5MO");
    const result = expandSeriesWithinBudget({ ical, ...thirteenMonths, budget: stepBudget(5_000) });
    expect(result.isTooComplex).toBe(true);
    expect(result.occurrences.map((o) => o.start)).toEqual(["2026-03-11T09:00:00Z"]);
    // The default budget (steps and time) ends it too.
    expect(expandSeriesWithinBudget({ ical, ...thirteenMonths }).isTooComplex).toBe(true);
  });

  it("cuts an ordinary series short when its event budget is smaller than the work", () => {
    const ical = withRule("FREQ=DAILY;COUNT=400");
    const full = expandSeriesWithinBudget({ ical, ...thirteenMonths, budget: stepBudget(10_000) });
    expect(full).toMatchObject({ isTooComplex: false });
    expect(full.occurrences).toHaveLength(327); // 11 March 2026 to 31 January 2027
    const cut = expandSeriesWithinBudget({ ical, ...thirteenMonths, budget: stepBudget(100) });
    expect(cut.isTooComplex).toBe(true);
    expect(cut.occurrences.map((o) => o.start)).toEqual(["2026-03-11T09:00:00Z"]);
  });

  it("keeps the overrides of a series too complex to expand, and hides an EXDATE'd DTSTART", () => {
    const ical = readFixture("rule-bomb-secondly.ics").replace(
      "END:VEVENT\r\nEND:VCALENDAR",
      [
        "EXDATE:20260311T090000Z",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:rule-bomb-secondly@example.test",
        "DTSTAMP:20260301T000000Z",
        "RECURRENCE-ID:20260311T090005Z",
        "DTSTART:20260312T150000Z",
        "DTEND:20260312T160000Z",
        "SUMMARY:Moved",
        "END:VEVENT",
        "END:VCALENDAR",
      ].join("\r\n"),
    );
    const result = expandSeriesWithinBudget({ ical, ...thirteenMonths });
    expect(result.isTooComplex).toBe(true);
    expect(result.occurrences.map((o) => [o.start, o.fields.title, o.isOverride])).toEqual([
      ["2026-03-12T15:00:00Z", "Moved", true],
    ]);
  });

  it("shares a request's total between events: once it is spent, later events are not expanded", () => {
    const spent = createExpansionBudget({ maxMs: 0 });
    expect(spent.isSpent).toBe(true);
    const ical = withRule("FREQ=WEEKLY");
    const result = expandSeriesWithinBudget({ ical, ...thirteenMonths, budget: spent.forEvent() });
    expect(result.isTooComplex).toBe(true);
    expect(result.occurrences).toHaveLength(1);

    const request = createExpansionBudget({ maxMs: 600_000, eventMaxSteps: 1_000_000 });
    for (let i = 0; i < 3; i++) {
      const event = request.forEvent();
      expect(event.spend(10)).toBe(true);
      expect(event.isSpent).toBe(false);
    }
    expect(expandSeriesWithinBudget({ ical, ...thirteenMonths, budget: request.forEvent() })).toMatchObject({
      isTooComplex: false,
    });
  });

  it("counts steps deterministically: the event budget is spent one step past its limit", () => {
    const budget = stepBudget(64);
    expect(budget.spend(64)).toBe(true);
    expect(budget.spend()).toBe(false);
    expect(budget.isSpent).toBe(true);
    expect(budget.spend()).toBe(false);
  });
});
