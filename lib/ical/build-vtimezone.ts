/**
 * Builds a VTIMEZONE (RFC 5545 §3.6.5) for an IANA zone from Intl's offsets, since ical.js
 * cannot generate one from a name. Transitions of the event's year become yearly rules
 * ("last Sunday of March"); zones whose rules are not weekday-based get explicit observances.
 * Cached per zone and year.
 */
import type { ContentComponent, ContentLine } from "./content-lines.ts";
import { formatPropertyLine } from "./format-property-line.ts";
import { formatIcalWall } from "./ical-time.ts";
import { ianaZone } from "./zones.ts";

const DAY_MS = 86_400_000;
const WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
const cache = new Map<string, ContentComponent | null>();

interface Transition {
  utcMs: number;
  from: number;
  to: number;
}

function findTransitions(offsetAt: (ms: number) => number, year: number): Transition[] {
  const out: Transition[] = [];
  const end = Date.UTC(year + 1, 0, 1);
  let previous = offsetAt(Date.UTC(year, 0, 1));
  for (let t = Date.UTC(year, 0, 1) + DAY_MS; t <= end; t += DAY_MS) {
    const current = offsetAt(t);
    if (current === previous) continue;
    let low = t - DAY_MS;
    let high = t;
    while (high - low > 1000) {
      const mid = low + Math.floor((high - low) / 2000) * 1000;
      if (offsetAt(mid) === previous) low = mid;
      else high = mid;
    }
    out.push({ utcMs: high, from: previous, to: current });
    previous = current;
  }
  return out;
}

function formatOffset(ms: number): string {
  const sign = ms < 0 ? "-" : "+";
  const total = Math.abs(Math.round(ms / 1000));
  const hh = String(Math.floor(total / 3600)).padStart(2, "0");
  const mm = String(Math.floor((total % 3600) / 60)).padStart(2, "0");
  const ss = total % 60;
  return `${sign}${hh}${mm}${ss ? String(ss).padStart(2, "0") : ""}`;
}

/** "-1SU" (last) or "2SU" (second) for a wall date. */
function weekdayRule(wallMs: number): { byDay: string; month: number; nth: number; weekday: number } {
  const d = new Date(wallMs);
  const day = d.getUTCDate();
  const month = d.getUTCMonth();
  const daysInMonth = new Date(Date.UTC(d.getUTCFullYear(), month + 1, 0)).getUTCDate();
  const nth = day + 7 > daysInMonth ? -1 : Math.ceil(day / 7);
  return { byDay: `${nth}${WEEKDAYS[d.getUTCDay()]}`, month: month + 1, nth, weekday: d.getUTCDay() };
}

/** Wall date in `year` matching the nth weekday rule, at the given time of day. */
function ruleDate(year: number, month: number, nth: number, weekday: number, timeOfDay: number): number {
  if (nth > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return Date.UTC(year, month - 1, 1 + ((weekday - first + 7) % 7) + (nth - 1) * 7) + timeOfDay;
  }
  const lastDay = new Date(Date.UTC(year, month, 0));
  const back = (lastDay.getUTCDay() - weekday + 7) % 7;
  return Date.UTC(year, month - 1, lastDay.getUTCDate() - back) + timeOfDay;
}

function line(name: string, value: string): ContentLine {
  return formatPropertyLine(name, {}, value);
}

function observance(
  kind: string,
  dtstartWall: number,
  from: number,
  to: number,
  rrule: string | null,
): ContentComponent {
  const children: ContentLine[] = [
    line("TZOFFSETFROM", formatOffset(from)),
    line("TZOFFSETTO", formatOffset(to)),
    line("DTSTART", formatIcalWall(dtstartWall, false)),
  ];
  if (rrule) children.push(line("RRULE", rrule));
  return { kind: "component", name: kind, begin: line("BEGIN", kind), end: line("END", kind), children };
}

/** A VTIMEZONE for `name` valid around `aroundMs`, or null when Intl does not know the zone. */
export function buildVtimezone(name: string, aroundMs: number): ContentComponent | null {
  const year = new Date(aroundMs).getUTCFullYear();
  const key = `${name}|${year}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const zone = ianaZone(name);
  if (!zone) {
    cache.set(key, null);
    return null;
  }
  const offsetAt = (ms: number): number => zone.utcToWall(ms) - ms;
  const transitions = findTransitions(offsetAt, year);
  const observances: ContentComponent[] = [];
  if (transitions.length === 0) {
    const offset = offsetAt(aroundMs);
    observances.push(observance("STANDARD", Date.UTC(1970, 0, 1), offset, offset, null));
  } else {
    const next = findTransitions(offsetAt, year + 1);
    const rules = transitions.map((t) => ({
      t,
      rule: weekdayRule(t.utcMs + t.from),
      timeOfDay: (t.utcMs + t.from) % DAY_MS,
    }));
    const isRegular =
      next.length === transitions.length &&
      rules.every(
        ({ t, rule, timeOfDay }, i) =>
          next[i]!.utcMs + next[i]!.from === ruleDate(year + 1, rule.month, rule.nth, rule.weekday, timeOfDay) &&
          next[i]!.to === t.to,
      );
    for (const { t, rule, timeOfDay } of rules) {
      const kind = t.to > t.from ? "DAYLIGHT" : "STANDARD";
      if (isRegular) {
        const start = ruleDate(1970, rule.month, rule.nth, rule.weekday, timeOfDay);
        observances.push(
          observance(kind, start, t.from, t.to, `FREQ=YEARLY;BYMONTH=${rule.month};BYDAY=${rule.byDay}`),
        );
      } else {
        observances.push(observance(kind, t.utcMs + t.from, t.from, t.to, null));
      }
    }
    if (!isRegular) {
      for (const t of next)
        observances.push(observance(t.to > t.from ? "DAYLIGHT" : "STANDARD", t.utcMs + t.from, t.from, t.to, null));
    }
  }
  const component: ContentComponent = {
    kind: "component",
    name: "VTIMEZONE",
    begin: line("BEGIN", "VTIMEZONE"),
    end: line("END", "VTIMEZONE"),
    children: [line("TZID", name), ...observances],
  };
  cache.set(key, component);
  return component;
}
