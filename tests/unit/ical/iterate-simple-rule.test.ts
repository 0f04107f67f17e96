import { describe, expect, it } from "vitest";
import { createExpansionBudget } from "../../../lib/ical/expansion-budget.ts";
import { parseSimpleRule } from "../../../lib/ical/iterate-simple-rule.ts";
import { listSeriesStarts } from "../../../lib/ical/list-series-starts.ts";
import { parseEventResource } from "../../../lib/ical/parse-event-resource.ts";
import type { VeventData } from "../../../lib/ical/types.ts";

const starts = [
  ["Saturday 31 January, Berlin", "DTSTART;TZID=Europe/Berlin:20260131T093000"],
  ["leap day, all-day", "DTSTART;VALUE=DATE:20240229"],
  ["Tuesday evening, New York", "DTSTART;TZID=America/New_York:20260310T180000"],
  ["floating, late on 30 December", "DTSTART:20251230T230000"],
] as const;

const rules = [
  "FREQ=DAILY",
  "FREQ=DAILY;INTERVAL=3",
  "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
  "FREQ=DAILY;INTERVAL=2;BYDAY=SA,SU",
  "FREQ=WEEKLY",
  "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
  "FREQ=WEEKLY;BYDAY=SU,WE;WKST=SU",
  "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,MO;WKST=SU",
  "FREQ=WEEKLY;COUNT=10;BYDAY=TU,TH",
  "FREQ=WEEKLY;UNTIL=20270101T000000Z;BYDAY=FR",
  "FREQ=MONTHLY",
  "FREQ=MONTHLY;BYMONTHDAY=31",
  "FREQ=MONTHLY;BYMONTHDAY=1,15,-1",
  "FREQ=MONTHLY;BYDAY=2TU",
  "FREQ=MONTHLY;BYDAY=-1FR;INTERVAL=3",
  "FREQ=MONTHLY;BYDAY=MO",
  "FREQ=MONTHLY;COUNT=12;BYDAY=1MO,3MO",
  "FREQ=YEARLY",
  "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
  "FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU",
  "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=15,30",
  "FREQ=YEARLY;INTERVAL=2;COUNT=5",
  "FREQ=DAILY;UNTIL=20260301",
];

function master(dtstart: string, rule: string): VeventData {
  const text = `BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:r\r\n${dtstart}\r\nRRULE:${rule}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
  return parseEventResource(text).master!;
}

/**
 * The comparison walks ical.js over years of daily dates from DTSTART, far beyond a range
 * query's budget on a busy machine: it checks the dates, not the budget, so it gets a wide one.
 */
function wideBudget() {
  return createExpansionBudget({ maxMs: 60_000, eventMaxMs: 60_000, eventMaxWallMs: 60_000 }).forEvent();
}

function list(event: VeventData, from: number, to: number, useGeneralIterator: boolean): string[] {
  return listSeriesStarts({
    master: event,
    fromUtc: from,
    toUtc: to,
    maxCount: 150,
    useGeneralIterator,
    budget: wideBudget(),
  }).starts.map((s) => new Date(s.utcMs).toISOString());
}

describe("the fast rule iterator agrees with ical.js", () => {
  // ical.js moves 29 February to 1 March in other years; RFC 5545 §3.3.10 skips those years
  // (tested below), so yearly rules from a leap day are not compared.
  const cases = starts.flatMap(([name, dtstart]) =>
    rules
      .filter((rule) => !(dtstart.endsWith("0229") && rule.includes("YEARLY")))
      .map((rule) => [name, rule, dtstart] as const),
  );
  it.each(cases)("%s: %s", (_name, rule, dtstart) => {
    const event = master(dtstart, rule);
    expect(parseSimpleRule(rule, event)).not.toBeNull();
    expect(list(event, -Infinity, Infinity, false)).toEqual(list(event, -Infinity, Infinity, true));
    // A window years later exercises skipping ahead.
    const from = Date.parse("2030-01-01T00:00:00Z");
    const to = Date.parse("2030-04-01T00:00:00Z");
    expect(list(event, from, to, false)).toEqual(list(event, from, to, true));
  });

  it.each([
    "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR",
    "FREQ=YEARLY;BYWEEKNO=20",
    "FREQ=HOURLY",
    "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
  ])("leaves %s to ical.js", (rule) => {
    expect(parseSimpleRule(rule, master("DTSTART:20260101T090000Z", rule))).toBeNull();
  });

  it("skips 29 February in other years (RFC 5545 §3.3.10)", () => {
    const event = master("DTSTART;VALUE=DATE:20240229", "FREQ=YEARLY;COUNT=3");
    expect(list(event, -Infinity, Infinity, false)).toEqual([
      "2024-02-29T00:00:00.000Z",
      "2028-02-29T00:00:00.000Z",
      "2032-02-29T00:00:00.000Z",
    ]);
  });

  it.each(["FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30"])(
    "does not hang on %s (ical.js path)",
    (rule) => {
      const event = master("DTSTART:20260105T090000Z", rule);
      expect(parseSimpleRule(rule, event)).toBeNull();
      const result = listSeriesStarts({ master: event, fromUtc: -Infinity, toUtc: Infinity, maxCount: 10 });
      expect(result.starts.map((s) => new Date(s.utcMs).toISOString())).toEqual(["2026-01-05T09:00:00.000Z"]);
      expect(
        parseEventResource(
          `BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:r\r\nDTSTART:20260105T090000Z\r\nRRULE:${rule}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`,
        ).seriesEnd,
      ).toBeNull();
    },
  );

  // ical.js never returns from next() for this rule.
  it("stops on a weekday an INTERVAL of 7 days never reaches", () => {
    const event = master("DTSTART:20260105T090000Z", "FREQ=DAILY;INTERVAL=7;BYDAY=TU");
    expect(list(event, -Infinity, Infinity, false)).toEqual(["2026-01-05T09:00:00.000Z"]);
  });
});
