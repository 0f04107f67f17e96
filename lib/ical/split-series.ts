/**
 * "This and following": ends the series just before `at` (RRULE UNTIL, RFC 5545 §3.3.10) and
 * starts a new series with a new UID at `at` that carries the remaining occurrences, their
 * overrides, EXDATEs and RDATEs, with COUNT reduced by the occurrences already past.
 */
import { parsePropertyLine, serializeContentTree, type ContentComponent, type ContentLine } from "./content-lines.ts";
import { cloneComponent, replaceProperties, stampComponent } from "./edit-component.ts";
import { formatPropertyLine, lineFromText } from "./format-property-line.ts";
import { recurrenceKey } from "./find-override.ts";
import { formatIcalUtc, readTimeList, toUtcMs, type TimeContext } from "./ical-time.ts";
import { editBudget } from "./expansion-budget.ts";
import { IcalEditError } from "./ical-edit-error.ts";
import { listSeriesStarts } from "./list-series-starts.ts";
import { occurrenceEnd } from "./parse-event-resource.ts";
import { readCalendar, type CalendarData } from "./read-calendar.ts";
import type { VeventData } from "./types.ts";
import { formatMasterValue, writeMasterFormTime } from "./write-master-form-time.ts";

const DAY_MS = 86_400_000;

/** Rewrites an RRULE value's COUNT/UNTIL. */
function rewriteRule(value: string, set: { count?: number; until?: string }): string {
  const parts = value.split(";").filter((p) => p && !/^(COUNT|UNTIL)=/i.test(p.trim()));
  if (set.count !== undefined) parts.push(`COUNT=${set.count}`);
  if (set.until !== undefined) parts.push(`UNTIL=${set.until}`);
  return parts.join(";");
}

/** Keeps only the values of RDATE/EXDATE lines on one side of `at`; drops emptied lines. */
function filterDateLists(component: ContentComponent, context: TimeContext, keep: (utcMs: number) => boolean): void {
  component.children = component.children.flatMap((child): ContentComponent["children"] => {
    if (child.kind !== "line" || (child.name !== "RDATE" && child.name !== "EXDATE")) return [child];
    const property = parsePropertyLine(child.text);
    const values = property.value.split(",");
    const times = readTimeList(property, context);
    const kept = values.filter((_v, i) => keep(toUtcMs(times[i]!)));
    if (kept.length === values.length) return [child];
    if (kept.length === 0) return [];
    const colon = child.text.length - property.value.length;
    return [lineFromText(child.text.slice(0, colon) + kept.join(","), child.name)];
  });
}

function setRules(component: ContentComponent, rules: string[]): void {
  replaceProperties(
    component,
    new Set(["RRULE"]),
    rules.map((rule) => formatPropertyLine("RRULE", {}, rule)),
  );
}

function setUid(component: ContentComponent, uid: string): void {
  replaceProperties(component, new Set(["UID"]), [formatPropertyLine("UID", {}, uid)]);
}

function untilBefore(master: VeventData, key: number): string {
  if (master.start.isDate) return formatMasterValue(master, key - DAY_MS);
  // §3.3.10: UNTIL is UTC when DTSTART has a zone, floating when DTSTART is floating.
  if (master.start.zone.isFloating) return formatMasterValue(master, key - 1000);
  return formatIcalUtc(key - 1000);
}

function calendarWithout(
  data: CalendarData,
  drop: (override: VeventData) => boolean,
): { calendar: ContentComponent; master: ContentComponent; overrides: ContentComponent[] } {
  const calendar = cloneComponent(data.calendar);
  const originals = data.calendar.children;
  const overrides: ContentComponent[] = [];
  let master: ContentComponent | null = null;
  calendar.children = calendar.children.filter((child, i) => {
    const original = originals[i];
    if (original === data.masterComponent) master = child as ContentComponent;
    const overrideIndex = data.overrideComponents.indexOf(original as ContentComponent);
    if (overrideIndex < 0) return true;
    if (drop(data.overrides[overrideIndex]!)) return false;
    overrides.push(child as ContentComponent);
    return true;
  });
  if (!master) throw new IcalEditError("no series master");
  return { calendar, master, overrides };
}

export function splitSeries(params: { ical: string; at: string; newUid: string; now?: Date }): {
  before: string | null;
  after: string;
} {
  const data = readCalendar(params.ical);
  const master = data.master;
  if (!master || !data.masterComponent || (master.rrules.length === 0 && master.rdates.length === 0))
    throw new IcalEditError("event is not recurring");
  const key = recurrenceKey(params.at);
  const now = params.now ?? new Date();
  const context: TimeContext = { vtimezones: data.vtimezones, unknownZone: false };
  const budget = editBudget();
  const earlier = listSeriesStarts({ master, fromUtc: -Infinity, toUtc: key, maxCount: 1, budget });
  const overrideKey = (o: VeventData): number => o.recurrenceIdKey ?? o.startUtc;

  let before: string | null = null;
  if (earlier.starts.length > 0) {
    const part = calendarWithout(data, (o) => overrideKey(o) >= key);
    setRules(
      part.master,
      master.rrules.map((rule) => rewriteRule(rule, { until: untilBefore(master, key) })),
    );
    filterDateLists(part.master, context, (ms) => ms < key);
    stampComponent(part.master, now);
    before = serializeContentTree([part.calendar]);
  }

  const part = calendarWithout(data, (o) => overrideKey(o) < key);
  // COUNT counts rule occurrences including EXDATE'd ones (RFC 5545 §3.3.10).
  const counted = listSeriesStarts({
    master: { ...master, exdates: [], rdates: [] },
    fromUtc: -Infinity,
    toUtc: key,
    maxCount: 1_000_000,
    budget,
  });
  // A count cut short by the budget would rewrite COUNT wrongly: refuse the split instead.
  if (earlier.isTooComplex || counted.isTooComplex) throw new IcalEditError("series too complex to split");
  const past = counted.starts.length;
  setRules(
    part.master,
    master.rrules.map((rule) => {
      const count = /(?:^|;)COUNT=(\d+)/i.exec(rule);
      return count ? rewriteRule(rule, { count: Math.max(1, Number(count[1]) - past) }) : rule;
    }),
  );
  filterDateLists(part.master, context, (ms) => ms >= key);
  const wallStart = master.start.isDate ? key : master.start.zone.utcToWall(key);
  const endKey = occurrenceEnd(master, wallStart, key);
  const dtstart: ContentLine = writeMasterFormTime("DTSTART", master, data.masterComponent, key);
  replaceProperties(part.master, new Set(["DTSTART"]), [dtstart]);
  replaceProperties(part.master, new Set(["DTEND", "DURATION"]), [
    writeMasterFormTime("DTEND", master, data.masterComponent, endKey),
  ]);
  replaceProperties(part.master, new Set(["SEQUENCE"]), [formatPropertyLine("SEQUENCE", {}, "0")]);
  for (const component of [part.master, ...part.overrides]) setUid(component, params.newUid);
  stampComponent(part.master, now, 0);
  // The new series starts over at SEQUENCE 0 (stampComponent bumped it to 1).
  replaceProperties(part.master, new Set(["SEQUENCE"]), [formatPropertyLine("SEQUENCE", {}, "0")]);
  return { before, after: serializeContentTree([part.calendar]) };
}
