import { describe, expect, it } from "vitest";
import { findRecurrenceProblem, findRuleProblem } from "../../../lib/ical/recurrence-limits.ts";

describe("findRecurrenceProblem", () => {
  it.each([
    ["a weekly rule", ["RRULE:FREQ=WEEKLY;BYDAY=MO,WE"]],
    ["the last weekday of each month", ["RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"]],
    ["29 February (leap years)", ["RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"]],
    ["the 31st, in the months that have one", ["RRULE:FREQ=MONTHLY;BYMONTHDAY=31"]],
    ["hourly", ["RRULE:FREQ=HOURLY;INTERVAL=8"]],
    [
      "three rules and dates",
      ["RRULE:FREQ=DAILY", "RRULE:FREQ=WEEKLY", "RRULE:FREQ=MONTHLY", "EXDATE:20260310T090000Z"],
    ],
    [
      "1000 dates",
      [
        `RDATE:${Array.from({ length: 500 }, () => "20260310T090000Z").join(",")}`,
        `EXDATE:${Array.from({ length: 500 }, () => "20260311T090000Z").join(",")}`,
      ],
    ],
  ])("accepts %s", (_name, lines) => {
    expect(findRecurrenceProblem(lines)).toBeNull();
  });

  it.each([
    [
      "50 rules",
      Array.from({ length: 50 }, () => "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"),
      { reason: "too_many_rules", limit: 3, found: 50 },
    ],
    [
      "4 rules counting EXRULE",
      ["RRULE:FREQ=DAILY", "RRULE:FREQ=DAILY", "RRULE:FREQ=DAILY", "EXRULE:FREQ=WEEKLY"],
      { reason: "too_many_rules" },
    ],
    [
      "1001 dates over several lines",
      [`RDATE;VALUE=DATE:${Array.from({ length: 1000 }, () => "20260310").join(",")}`, "EXDATE;VALUE=DATE:20260311"],
      { reason: "too_many_dates", limit: 1000, found: 1001 },
    ],
    ["every second", ["RRULE:FREQ=SECONDLY"], { reason: "frequency" }],
    ["every minute, lower case", ["rrule:freq=minutely;interval=5"], { reason: "frequency" }],
    ["30 February", ["RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"], { reason: "no_date" }],
    ["the 31st of the short months", ["RRULE:FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=31"], { reason: "no_date" }],
    ["the 30th from the end of February", ["RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=-30"], { reason: "no_date" }],
    ["day 40 of any month", ["RRULE:FREQ=MONTHLY;BYMONTHDAY=40"], { reason: "no_date" }],
    [
      "48 times a day",
      ["RRULE:FREQ=DAILY;BYHOUR=" + Array.from({ length: 24 }, (_, h) => h).join(",") + ";BYMINUTE=0,30"],
      { reason: "too_many_values", limit: 24, found: 48 },
    ],
    [
      "101 BYxxx values",
      ["RRULE:FREQ=YEARLY;BYYEARDAY=" + Array.from({ length: 101 }, (_, d) => d + 1).join(",")],
      { reason: "too_many_values", limit: 100, found: 101 },
    ],
  ])("refuses %s", (_name, lines, expected) => {
    expect(findRecurrenceProblem(lines)).toMatchObject(expected);
  });

  it("reads a rule value without its property name", () => {
    expect(findRuleProblem("FREQ=SECONDLY;COUNT=3")).toEqual({ reason: "frequency" });
    expect(findRuleProblem("FREQ=DAILY;COUNT=3")).toBeNull();
  });
});
