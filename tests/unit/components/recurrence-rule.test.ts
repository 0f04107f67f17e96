import { describe, expect, it } from "vitest";
import {
  buildRecurrenceLine,
  describeRecurrence,
  parseRecurrence,
} from "../../../components/calendar/recurrence-rule.ts";

describe("editor recurrence <-> RRULE", () => {
  it.each([
    ["RRULE:FREQ=DAILY", { frequency: "DAILY", interval: 1, weekdays: [], end: { kind: "never" } }],
    [
      "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE",
      { frequency: "WEEKLY", interval: 2, weekdays: ["MO", "WE"], end: { kind: "never" } },
    ],
    [
      "RRULE:FREQ=MONTHLY;COUNT=10",
      { frequency: "MONTHLY", interval: 1, weekdays: [], end: { kind: "count", count: 10 } },
    ],
    [
      "RRULE:FREQ=YEARLY;UNTIL=20280301T235959Z",
      { frequency: "YEARLY", interval: 1, weekdays: [], end: { kind: "until", date: "2028-03-01" } },
    ],
  ] as const)("reads and writes back %s", (line, rule) => {
    const parsed = parseRecurrence([line]);
    expect(parsed).toEqual({ kind: "simple", rule, otherLines: [] });
    expect(buildRecurrenceLine(rule as never)).toBe(line);
  });

  it("keeps EXDATE lines beside a simple rule", () => {
    const parsed = parseRecurrence(["RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20270309T070000Z"]);
    expect(parsed.kind === "simple" && parsed.otherLines).toEqual(["EXDATE:20270309T070000Z"]);
  });

  it("reports rules the editor cannot express as custom, untouched", () => {
    const lines = ["RRULE:FREQ=MONTHLY;BYDAY=-1FR"];
    expect(parseRecurrence(lines)).toEqual({ kind: "custom", lines });
    expect(parseRecurrence(["RRULE:FREQ=MONTHLY;BYSETPOS=1;BYDAY=MO"]).kind).toBe("custom");
  });

  it("treats no lines as no recurrence", () => {
    expect(parseRecurrence(undefined)).toEqual({ kind: "none" });
    expect(parseRecurrence([])).toEqual({ kind: "none" });
  });

  it("orders weekdays and ignores them outside weekly rules", () => {
    expect(
      buildRecurrenceLine({ frequency: "WEEKLY", interval: 1, weekdays: ["FR", "MO"], end: { kind: "never" } }),
    ).toBe("RRULE:FREQ=WEEKLY;BYDAY=MO,FR");
    expect(buildRecurrenceLine({ frequency: "DAILY", interval: 1, weekdays: ["MO"], end: { kind: "never" } })).toBe(
      "RRULE:FREQ=DAILY",
    );
  });

  it("describes a rule in words", () => {
    expect(
      describeRecurrence({ frequency: "WEEKLY", interval: 2, weekdays: ["MO"], end: { kind: "count", count: 4 } }),
    ).toBe("Every 2 weeks on MO, 4 times");
  });
});
