/**
 * A fast path for the recurrence rules people actually use (RFC 5545 §3.3.10): DAILY, WEEKLY,
 * MONTHLY and YEARLY with INTERVAL, COUNT, UNTIL, WKST, BYDAY, BYMONTHDAY and (yearly) BYMONTH.
 * ical.js builds year tables when an iterator starts (~0.1-0.5 ms), which dominated parsing and
 * expansion; this iterator is plain arithmetic on wall times. Anything else (BYSETPOS, BYWEEKNO,
 * BYYEARDAY, BYHOUR, ...) returns null from parseSimpleRule and goes to ical.js.
 */
import type { VeventData } from "./types.ts";

const DAY_MS = 86_400_000;
const WEEKDAYS: Record<string, number> = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };
const ALLOWED = new Set(["FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST", "BYDAY", "BYMONTHDAY", "BYMONTH"]);

export interface SimpleRule {
  freq: "DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY";
  interval: number;
  count: number | null;
  /** Last allowed wall time (inclusive), or null. */
  untilWall: number | null;
  /** BYDAY entries: nth 0 = every such weekday. */
  byDay: Array<{ nth: number; weekday: number }> | null;
  byMonthDay: number[] | null;
  byMonth: number[] | null;
  wkst: number;
}

function readUntil(value: string, master: VeventData): number | null {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, z] = match;
  const date = Date.UTC(Number(y), Number(mo) - 1, Number(d));
  if (master.start.isDate) return date;
  if (h === undefined) return date + DAY_MS - 1000;
  const time = date + (Number(h) * 3600 + Number(mi) * 60 + Number(s)) * 1000;
  // UNTIL in UTC against a zoned DTSTART: compare in the event's wall clock.
  return z && !master.start.zone.isFloating ? master.start.zone.utcToWall(time) : time;
}

/** Reads an RRULE value into a SimpleRule, or null when it needs the general iterator. */
export function parseSimpleRule(value: string, master: VeventData): SimpleRule | null {
  const parts = new Map<string, string>();
  for (const part of value.split(";")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    if (eq < 0) return null;
    const key = part.slice(0, eq).trim().toUpperCase();
    if (!ALLOWED.has(key) || parts.has(key)) return null;
    parts.set(
      key,
      part
        .slice(eq + 1)
        .trim()
        .toUpperCase(),
    );
  }
  const freq = parts.get("FREQ");
  if (freq !== "DAILY" && freq !== "WEEKLY" && freq !== "MONTHLY" && freq !== "YEARLY") return null;
  const interval = parts.has("INTERVAL") ? Number(parts.get("INTERVAL")) : 1;
  const count = parts.has("COUNT") ? Number(parts.get("COUNT")) : null;
  if (!Number.isInteger(interval) || interval < 1 || (count !== null && (!Number.isInteger(count) || count < 0)))
    return null;
  const untilText = parts.get("UNTIL");
  const untilWall = untilText === undefined ? null : readUntil(untilText, master);
  if (untilText !== undefined && untilWall === null) return null;
  const wkst = WEEKDAYS[parts.get("WKST") ?? "MO"];
  if (wkst === undefined) return null;
  let byDay: SimpleRule["byDay"] = null;
  if (parts.has("BYDAY")) {
    byDay = [];
    for (const entry of parts.get("BYDAY")!.split(",")) {
      const m = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(entry);
      if (!m) return null;
      const nth = m[1] ? Number(m[1]) : 0;
      if (nth !== 0 && freq !== "MONTHLY" && freq !== "YEARLY") return null;
      if (nth < -5 || nth > 5) return null;
      byDay.push({ nth, weekday: WEEKDAYS[m[2]!]! });
    }
  }
  let byMonthDay: number[] | null = null;
  if (parts.has("BYMONTHDAY")) {
    if (freq !== "MONTHLY" && freq !== "YEARLY") return null;
    byMonthDay = parts.get("BYMONTHDAY")!.split(",").map(Number);
    if (byMonthDay.some((d) => !Number.isInteger(d) || d === 0 || d < -31 || d > 31)) return null;
  }
  let byMonth: number[] | null = null;
  if (parts.has("BYMONTH")) {
    if (freq !== "YEARLY") return null;
    byMonth = parts
      .get("BYMONTH")!
      .split(",")
      .map(Number)
      .sort((a, b) => a - b);
    if (byMonth.some((m) => !Number.isInteger(m) || m < 1 || m > 12)) return null;
  }
  // BYDAY with BYMONTHDAY intersect (Friday the 13th); yearly BYDAY/BYMONTHDAY without
  // BYMONTH spread over the whole year: both left to ical.js.
  if (byDay && byMonthDay) return null;
  if (freq === "YEARLY" && !byMonth && (byDay || byMonthDay)) return null;
  return { freq, interval, count, untilWall, byDay, byMonthDay, byMonth, wkst };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** Days (1-based) of one month matching the rule, ascending. */
function monthDays(rule: SimpleRule, year: number, month: number, startDay: number): number[] {
  const length = daysInMonth(year, month);
  const days: number[] = [];
  if (rule.byMonthDay) {
    for (const d of rule.byMonthDay) days.push(d > 0 ? d : length + 1 + d);
  } else if (rule.byDay) {
    const firstWeekday = new Date(Date.UTC(year, month, 1)).getUTCDay();
    for (const { nth, weekday } of rule.byDay) {
      const first = 1 + ((weekday - firstWeekday + 7) % 7);
      if (nth === 0) for (let d = first; d <= length; d += 7) days.push(d);
      else if (nth > 0) days.push(first + (nth - 1) * 7);
      else {
        const last = first + Math.floor((length - first) / 7) * 7;
        days.push(last + (nth + 1) * 7);
      }
    }
  } else {
    days.push(startDay);
  }
  // RFC 5545 §3.3.10: invalid dates (31 February) are ignored, not moved.
  return [...new Set(days.filter((d) => d >= 1 && d <= length))].sort((a, b) => a - b);
}

/**
 * Calls `visit` with each occurrence's wall time in order. Like ical.js, a DTSTART that a
 * WEEKLY/MONTHLY/YEARLY rule does not generate is not an occurrence, while a DAILY rule's
 * always is (RFC 5545 §3.8.5.3 leaves unsynchronised DTSTARTs undefined).
 * Unlike ical.js, invalid dates (29 February in other years) are skipped as §3.3.10 requires.
 * `visit` returns false to stop. `fromWall` lets rules without COUNT skip whole periods.
 */
export function iterateSimpleRule(
  rule: SimpleRule,
  startWall: number,
  fromWall: number,
  visit: (wallMs: number) => boolean,
): void {
  let emitted = 0;
  const emit = (wall: number): boolean => {
    if (rule.untilWall !== null && wall > rule.untilWall) return false;
    if (rule.count !== null && emitted >= rule.count) return false;
    emitted++;
    return visit(wall);
  };
  const timeOfDay = ((startWall % DAY_MS) + DAY_MS) % DAY_MS;
  const startDate = startWall - timeOfDay;
  const canSkip = rule.count === null && fromWall > startWall;
  // Each loop stops on UNTIL/COUNT through emit, or when visit says so.
  if (rule.freq === "DAILY" || (rule.freq === "WEEKLY" && !rule.byDay)) {
    const step = (rule.freq === "DAILY" ? 1 : 7) * rule.interval * DAY_MS;
    const weekdays = rule.byDay ? new Set(rule.byDay.map((d) => d.weekday)) : null;
    let k = canSkip ? Math.max(0, Math.floor((fromWall - startWall) / step) - 1) : 0;
    for (let misses = 0; ; k++) {
      const wall = startWall + k * step;
      // ical.js emits DTSTART of a DAILY rule even when BYDAY excludes it; so do we.
      if (weekdays && k > 0 && !weekdays.has(new Date(wall).getUTCDay())) {
        if (rule.untilWall !== null && wall > rule.untilWall) return;
        // An INTERVAL that is a multiple of 7 never reaches other weekdays.
        if (++misses > 7) return;
        continue;
      }
      misses = 0;
      if (!emit(wall)) return;
    }
  }
  if (rule.freq === "WEEKLY") {
    const offsets = [...new Set(rule.byDay!.map((d) => (d.weekday - rule.wkst + 7) % 7))].sort((a, b) => a - b);
    const weekStart = startDate - ((new Date(startDate).getUTCDay() - rule.wkst + 7) % 7) * DAY_MS;
    const step = 7 * rule.interval * DAY_MS;
    let w = canSkip ? Math.max(0, Math.floor((fromWall - weekStart) / step) - 1) : 0;
    for (; ; w++) {
      for (const offset of offsets) {
        const wall = weekStart + w * step + offset * DAY_MS + timeOfDay;
        if (wall < startWall) continue;
        if (!emit(wall)) return;
      }
    }
  }
  const start = new Date(startDate);
  const startYear = start.getUTCFullYear();
  const startMonth = start.getUTCMonth();
  const startDay = start.getUTCDate();
  if (rule.freq === "MONTHLY") {
    let m = 0;
    if (canSkip) {
      const from = new Date(fromWall);
      const months = (from.getUTCFullYear() - startYear) * 12 + from.getUTCMonth() - startMonth;
      m = Math.max(0, Math.floor(months / rule.interval) - 1) * rule.interval;
    }
    for (let barren = 0; ; m += rule.interval) {
      const year = startYear + Math.floor((startMonth + m) / 12);
      const month = (startMonth + m) % 12;
      const days = monthDays(rule, year, month, startDay);
      // BYMONTHDAY=31 every second February-aligned month never matches: stop instead of spinning.
      barren = days.length === 0 ? barren + 1 : 0;
      if (barren > 240) return;
      for (const day of days) {
        const wall = Date.UTC(year, month, day) + timeOfDay;
        if (wall < startWall) continue;
        if (!emit(wall)) return;
      }
      if (rule.untilWall !== null && Date.UTC(year, month, 1) > rule.untilWall) return;
    }
  }
  // YEARLY
  const months = rule.byMonth ? rule.byMonth.map((m) => m - 1) : [startMonth];
  let y = canSkip
    ? Math.max(0, Math.floor((new Date(fromWall).getUTCFullYear() - startYear) / rule.interval) - 1) * rule.interval
    : 0;
  for (; ; y += rule.interval) {
    const year = startYear + y;
    for (const month of months) {
      for (const day of monthDays(rule, year, month, startDay)) {
        const wall = Date.UTC(year, month, day) + timeOfDay;
        if (wall < startWall) continue;
        if (!emit(wall)) return;
      }
    }
    if (rule.untilWall !== null && Date.UTC(year, 0, 1) > rule.untilWall) return;
    // Only 29 February every year: stop after 400 barren years rather than spin.
    if (y > 400 * rule.interval && emitted <= 1) return;
  }
}
