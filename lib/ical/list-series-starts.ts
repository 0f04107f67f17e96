/**
 * Original starts of a series (RFC 5545 §3.8.5: DTSTART + RRULE + RDATE - EXDATE), in order.
 * RRULEs are iterated by ical.js on floating wall times and then placed on the time line
 * through the event's zone, so "09:00 Europe/Berlin every Monday" stays 09:00 across DST.
 */
import ICAL from "ical.js";
import { singleEventBudget, type EventBudget } from "./expansion-budget.ts";
import { toUtcMs } from "./ical-time.ts";
import { iterateSimpleRule, parseSimpleRule } from "./iterate-simple-rule.ts";
import { findRuleProblem } from "./recurrence-limits.ts";
import type { VeventData } from "./types.ts";

const DAY_MS = 86_400_000;

export interface SeriesStart {
  wallMs: number;
  utcMs: number;
}

export interface SeriesStartList {
  starts: SeriesStart[];
  /** True when a bound (count or iterations) cut the list short. */
  isTruncated: boolean;
  /**
   * True when a rule is beyond Concord's limits (recurrence-limits.ts) or its expansion ran
   * out of budget: `starts` then holds DTSTART alone (when in range and not excluded).
   */
  isTooComplex: boolean;
}

/** Default safety bound on RRULE iterations per call. */
export const MAX_RULE_ITERATIONS = 50_000;

function icalTime(wallMs: number, isDate: boolean): ICAL.Time {
  const d = new Date(wallMs);
  return ICAL.Time.fromData({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: isDate ? 0 : d.getUTCHours(),
    minute: isDate ? 0 : d.getUTCMinutes(),
    second: isDate ? 0 : d.getUTCSeconds(),
    isDate,
  });
}

function wallOf(time: ICAL.Time): number {
  const ms = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  return time.year < 100 ? new Date(ms).setUTCFullYear(time.year) : ms;
}

/** Brings UNTIL into the wall-clock frame of a floating iteration (§3.3.10: UNTIL is UTC when DTSTART has a zone). */
function alignUntil(recur: ICAL.Recur, master: VeventData): void {
  const until = recur.until;
  if (!until) return;
  const isDate = master.start.isDate;
  if (isDate) {
    recur.until = icalTime(Date.UTC(until.year, until.month - 1, until.day), true);
  } else if (until.isDate) {
    recur.until = icalTime(Date.UTC(until.year, until.month - 1, until.day, 23, 59, 59), false);
  } else if (until.zone === ICAL.Timezone.utcTimezone || until.zone?.tzid === "UTC") {
    const utcMs = Date.UTC(until.year, until.month - 1, until.day, until.hour, until.minute, until.second);
    recur.until = icalTime(master.start.zone.utcToWall(utcMs), false);
  }
}

/** Thrown inside ical.js's iteration when the event's budget is spent. */
class BudgetSpent extends Error {}

/**
 * ical.js loops inside next() until a candidate passes the BYxxx filters, and never stops for
 * rules no date satisfies (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30): a server payload could hang
 * the worker. Every filter check is a step of the event's budget, and the iteration is
 * aborted once the budget is spent; legitimate rules find their next date in a few checks.
 */
function guardIterator(iterator: ICAL.RecurIterator, budget: EventBudget): ICAL.RecurIterator {
  const target = iterator as unknown as { check_contracting_rules: () => boolean };
  const check = target.check_contracting_rules.bind(iterator);
  target.check_contracting_rules = () => {
    if (!budget.spend()) throw new BudgetSpent("recurrence expansion over budget");
    return check();
  };
  return iterator;
}

/**
 * Lists original starts with `fromUtc <= utc < toUtc` (toUtc may be Infinity), at most
 * `maxCount`. EXDATEs are removed; RDATEs merged in.
 */
export function listSeriesStarts(params: {
  master: VeventData;
  fromUtc: number;
  toUtc: number;
  maxCount: number;
  maxIterations?: number;
  /** Steps and time this event may use (a request's share); a budget of its own by default. */
  budget?: EventBudget;
  /** Forces ical.js for every rule (tests compare it with the fast path). */
  useGeneralIterator?: boolean;
}): SeriesStartList {
  const { master, fromUtc, toUtc, maxCount } = params;
  const maxIterations = params.maxIterations ?? MAX_RULE_ITERATIONS;
  const budget = params.budget ?? singleEventBudget();
  const isDate = master.start.isDate;
  const zone = master.start.zone;
  const place = (wallMs: number): number => (isDate ? wallMs : zone.wallToUtc(wallMs));
  const excludedKeys = new Set<number>();
  const excludedDays = new Set<number>();
  for (const exdate of master.exdates) {
    if (exdate.isDate && !isDate) excludedDays.add(Math.floor(exdate.wallMs / DAY_MS));
    else if (isDate) excludedKeys.add(Math.floor(exdate.wallMs / DAY_MS) * DAY_MS);
    else excludedKeys.add(toUtcMs(exdate));
  }
  const isExcluded = (start: SeriesStart): boolean =>
    excludedKeys.has(start.utcMs) || (excludedDays.size > 0 && excludedDays.has(Math.floor(start.wallMs / DAY_MS)));

  const found = new Map<number, SeriesStart>();
  let isTruncated = false;
  let isTooComplex = false;
  /** Keeps a start inside the window that no EXDATE removed; true when it was kept. */
  const add = (start: SeriesStart): boolean => {
    if (start.utcMs < fromUtc || start.utcMs >= toUtc || isExcluded(start)) return false;
    found.set(start.utcMs, start);
    return true;
  };

  if (master.rrules.length === 0) add({ wallMs: master.start.wallMs, utcMs: master.startUtc });
  const fromWall = Number.isFinite(fromUtc) ? (isDate ? fromUtc : zone.utcToWall(fromUtc)) : master.start.wallMs;
  for (const rule of master.rrules) {
    if (findRuleProblem(rule) || budget.isSpent) {
      isTooComplex = true;
      break;
    }
    let iterations = 0;
    let inRange = 0;
    /** Takes one occurrence; false stops the rule. */
    const visit = (wallMs: number): boolean => {
      if (!budget.spend()) {
        isTooComplex = true;
        return false;
      }
      if (++iterations > maxIterations) {
        isTruncated = true;
        return false;
      }
      const utcMs = place(wallMs);
      if (utcMs >= toUtc) return false;
      // Counted per rule, repeats of another rule's dates included: a rule whose dates all
      // repeat another's (FREQ=WEEKLY beside FREQ=DAILY) must still reach maxCount and stop.
      if (add({ wallMs, utcMs })) inRange++;
      if (inRange >= maxCount) {
        isTruncated = true;
        return false;
      }
      return true;
    };
    const simple = params.useGeneralIterator ? null : parseSimpleRule(rule, master);
    if (simple) {
      iterateSimpleRule(simple, master.start.wallMs, fromWall, visit);
      continue;
    }
    let recur: ICAL.Recur;
    try {
      recur = ICAL.Recur.fromString(rule);
    } catch {
      continue; // An unreadable RRULE leaves DTSTART as the only rule-based occurrence.
    }
    alignUntil(recur, master);
    try {
      const iterator = guardIterator(recur.iterator(icalTime(master.start.wallMs, isDate)), budget);
      for (;;) {
        const next = iterator.next();
        if (!next || !visit(wallOf(next))) break;
      }
    } catch (error) {
      // Over budget: the rule matches no date or too many. Anything else ical.js rejects ends
      // the rule where it is.
      if (error instanceof BudgetSpent) isTooComplex = true;
      else isTruncated = true;
    }
    if (isTooComplex) break;
  }
  if (isTooComplex) {
    // Kept, never dropped: the series shows its first occurrence, DTSTART (RFC 5545 §3.8.5.3
    // counts it as the first instance), unless an EXDATE removed it.
    found.clear();
    add({ wallMs: master.start.wallMs, utcMs: master.startUtc });
    return { starts: [...found.values()], isTruncated: true, isTooComplex };
  }
  for (const rdate of master.rdates) {
    const utcMs = toUtcMs(rdate);
    add({ wallMs: isDate ? rdate.wallMs : zone.utcToWall(utcMs), utcMs });
  }
  const starts = [...found.values()].sort((a, b) => a.utcMs - b.utcMs);
  if (starts.length > maxCount) {
    starts.length = maxCount;
    isTruncated = true;
  }
  return { starts, isTruncated, isTooComplex };
}
