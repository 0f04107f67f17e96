/**
 * Limits on how complex a recurrence may be (RFC 5545 §3.3.10 RRULE, §3.8.5 RDATE/EXDATE).
 * RFC 5545 puts no bound on any of them, so a series can be written to cost seconds of CPU
 * or to never produce a date. Concord refuses such rules when a person writes them, and shows
 * only the first occurrence of a series that arrives from a server beyond these limits.
 *
 * The numbers, and why:
 * - 3 rules: calendar apps write one RRULE; a few leave room for hand-written combinations.
 *   Each extra rule is a separate iteration over the whole series.
 * - 1000 RDATE/EXDATE values: a daily meeting skipped every other working day for years stays
 *   well inside; each value is parsed, kept and looked up on every expansion.
 * - no FREQ=SECONDLY/MINUTELY: no calendar app offers them, and a year of seconds is 31 million
 *   occurrences to walk through before a range query finds its first one.
 * - 100 BYxxx values per rule, and at most 24 times per day from BYHOUR x BYMINUTE x BYSECOND:
 *   the filters multiply the candidates ical.js examines per period.
 * - a rule whose BYMONTH/BYMONTHDAY admit no date (30 February) never yields an occurrence:
 *   iterators look for the next match for ever.
 */

export const MAX_RULES = 3;
export const MAX_DATE_VALUES = 1000;
export const MAX_RULE_VALUES = 100;
export const MAX_TIMES_PER_DAY = 24;

export type RecurrenceProblemReason = "too_many_rules" | "too_many_dates" | "frequency" | "too_many_values" | "no_date";

export interface RecurrenceProblem {
  reason: RecurrenceProblemReason;
  /** The limit that was passed (rules, dates or values), when there is one. */
  limit?: number;
  /** How many the recurrence holds, when counted. */
  found?: number;
}

/** Longest month for each month number (February has 29 days in leap years). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function readParts(rule: string): Map<string, string> {
  const value = /^\s*(RRULE|EXRULE)\s*[:;]/i.test(rule) ? rule.slice(rule.indexOf(":") + 1) : rule;
  const parts = new Map<string, string>();
  for (const part of value.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0)
      parts.set(
        part.slice(0, eq).trim().toUpperCase(),
        part
          .slice(eq + 1)
          .trim()
          .toUpperCase(),
      );
  }
  return parts;
}

function listOf(parts: Map<string, string>, name: string): string[] {
  const value = parts.get(name);
  return value ? value.split(",").filter((entry) => entry.length > 0) : [];
}

/** True when no month the rule allows has a day the rule asks for (BYMONTH=2;BYMONTHDAY=30). */
function matchesNoDate(parts: Map<string, string>): boolean {
  const days = listOf(parts, "BYMONTHDAY").map(Number);
  if (days.length === 0 || days.some((day) => !Number.isInteger(day))) return false;
  const months = listOf(parts, "BYMONTH")
    .map(Number)
    .filter((month) => Number.isInteger(month) && month >= 1 && month <= 12);
  const allowed = months.length > 0 ? months : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  return allowed.every((month) => days.every((day) => day === 0 || Math.abs(day) > MONTH_DAYS[month - 1]!));
}

/** The problem of one RRULE (its value, or the whole `RRULE:` line), or null when within limits. */
export function findRuleProblem(rule: string): RecurrenceProblem | null {
  const parts = readParts(rule);
  const freq = parts.get("FREQ");
  if (freq === "SECONDLY" || freq === "MINUTELY") return { reason: "frequency" };
  let values = 0;
  for (const [name, value] of parts) if (name.startsWith("BY")) values += value.split(",").length;
  if (values > MAX_RULE_VALUES) return { reason: "too_many_values", limit: MAX_RULE_VALUES, found: values };
  const perDay = ["BYHOUR", "BYMINUTE", "BYSECOND"].reduce((n, name) => n * Math.max(1, listOf(parts, name).length), 1);
  if (perDay > MAX_TIMES_PER_DAY) return { reason: "too_many_values", limit: MAX_TIMES_PER_DAY, found: perDay };
  if (matchesNoDate(parts)) return { reason: "no_date" };
  return null;
}

/** Number of date values of an RDATE/EXDATE line (a comma-separated list after the colon). */
function countDateValues(line: string): number {
  const colon = line.indexOf(":");
  if (colon < 0) return 0;
  return line
    .slice(colon + 1)
    .split(",")
    .filter((value) => value.trim().length > 0).length;
}

/**
 * The first problem of a recurrence given as content lines (`RRULE:...`, `RDATE...:...`,
 * `EXDATE...:...`, `EXRULE:...`), or null when it is within every limit above.
 */
export function findRecurrenceProblem(lines: string[]): RecurrenceProblem | null {
  const rules = lines.filter((line) => /^\s*(RRULE|EXRULE)\s*[:;]/i.test(line));
  if (rules.length > MAX_RULES) return { reason: "too_many_rules", limit: MAX_RULES, found: rules.length };
  let dates = 0;
  for (const line of lines) if (/^\s*(RDATE|EXDATE)\s*[:;]/i.test(line)) dates += countDateValues(line);
  if (dates > MAX_DATE_VALUES) return { reason: "too_many_dates", limit: MAX_DATE_VALUES, found: dates };
  for (const rule of rules) {
    const problem = findRuleProblem(rule);
    if (problem) return problem;
  }
  return null;
}
