/**
 * The recurrence limits on what a person writes (POST/PATCH of an event): a rule beyond them
 * is refused with 422 `recurrence_too_complex` and a sentence saying what to change, before
 * anything is stored. The limits and their reasons are in lib/ical/recurrence-limits.ts.
 */
import { AppError } from "../errors/app-error.ts";
import { editBudget } from "../ical/expansion-budget.ts";
import { seriesExpandsWithinBudget } from "../ical/series-expands-within-budget.ts";
import {
  findRecurrenceProblem,
  MAX_DATE_VALUES,
  MAX_RULES,
  type RecurrenceProblem,
  type RecurrenceProblemReason,
} from "../ical/recurrence-limits.ts";

const messages: Record<RecurrenceProblemReason | "over_budget", (problem: Partial<RecurrenceProblem>) => string> = {
  too_many_rules: (p) =>
    `An event can repeat by at most ${MAX_RULES} rules (RRULE lines); this one has ${p.found}. Combine or remove some.`,
  too_many_dates: (p) =>
    `An event can list at most ${MAX_DATE_VALUES} added or skipped dates (RDATE/EXDATE); this one lists ${p.found}.`,
  frequency: () => "Repeating every second or every minute is not supported; repeat hourly or less often.",
  too_many_values: (p) => `This repeat rule lists too many values (${p.found}, at most ${p.limit}); simplify it.`,
  no_date: () =>
    "This repeat rule matches no date (for example the 30th of February), so the event would never repeat.",
  over_budget: () => "This repeat rule is too complex to work out (it matches no date or far too many); simplify it.",
};

function refuse(reason: RecurrenceProblemReason | "over_budget", problem: Partial<RecurrenceProblem> = {}): AppError {
  return new AppError("recurrence_too_complex", messages[reason](problem), {
    details: {
      reason,
      ...(problem.limit !== undefined ? { limit: problem.limit } : {}),
      ...(problem.found !== undefined ? { found: problem.found } : {}),
    },
  });
}

/** Throws 422 `recurrence_too_complex` when the lines pass a limit (no expansion runs). */
export function checkRecurrenceLines(recurrence: string[]): void {
  const problem = findRecurrenceProblem(recurrence);
  if (problem) throw refuse(problem.reason, problem);
}

/**
 * Throws 422 `recurrence_too_complex` when the series of `ical` cannot be worked out within a
 * small budget: rules the line checks cannot see through (a combination of BYxxx parts that
 * no date satisfies) are caught here.
 */
export function checkSeriesWithinBudget(ical: string): void {
  // An edit's budget, wider than a listing's share, so that a busy server does not refuse an
  // ordinary rule; the step bound (deterministic) is what stops a rule that matches no date.
  if (!seriesExpandsWithinBudget({ ical, budget: editBudget() })) throw refuse("over_budget");
}
