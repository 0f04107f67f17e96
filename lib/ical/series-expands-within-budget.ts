/**
 * Whether a new series can be worked out within a budget: its rules must yield a second
 * occurrence (or end) before the budget is spent. The line limits (recurrence-limits.ts) cannot
 * see through every combination of BYxxx parts that no date satisfies (FREQ=DAILY;BYDAY=5MO);
 * looking for the occurrence after DTSTART finds them, at the cost of one bounded expansion.
 */
import type { EventBudget } from "./expansion-budget.ts";
import { listSeriesStarts } from "./list-series-starts.ts";
import { readCalendar } from "./read-calendar.ts";

export function seriesExpandsWithinBudget(params: { ical: string; budget: EventBudget }): boolean {
  const master = readCalendar(params.ical).master;
  if (!master || master.rrules.length === 0) return true;
  const listed = listSeriesStarts({
    master,
    fromUtc: -Infinity,
    toUtc: Infinity,
    maxCount: 2,
    budget: params.budget,
  });
  return !listed.isTooComplex;
}
