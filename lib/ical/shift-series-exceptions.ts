/**
 * When the start of a whole series moves ("all" scope), EXDATEs and the RECURRENCE-IDs of
 * overrides must move with it, or excluded occurrences come back and overrides no longer
 * match any occurrence (RFC 5545 §3.8.4.4: RECURRENCE-ID is the original DTSTART value).
 */
import { parsePropertyLine, type ContentComponent } from "./content-lines.ts";
import { readTimeList, readTimeProperty, toUtcMs, type TimeContext } from "./ical-time.ts";
import type { CalendarData } from "./read-calendar.ts";
import { readVevent } from "./read-vevent.ts";
import type { VeventData } from "./types.ts";
import { writeMasterFormTime } from "./write-master-form-time.ts";

export function shiftSeriesExceptions(params: { data: CalendarData; before: VeventData; shiftExdates: boolean }): void {
  const { data, before } = params;
  const masterComponent = data.masterComponent;
  if (!masterComponent) return;
  const context: TimeContext = { vtimezones: data.vtimezones, unknownZone: false };
  const after = readVevent(masterComponent, context);
  if (after.start.isDate !== before.start.isDate) return;
  const delta = after.start.wallMs - before.start.wallMs;
  const isSameZone = after.start.zone === before.start.zone;
  if (delta === 0 && isSameZone) return;
  const isDate = before.start.isDate;
  const move = (key: number): number => {
    if (isDate) return key + delta;
    return after.start.zone.wallToUtc(before.start.zone.utcToWall(key) + delta);
  };
  const rewrite = (component: ContentComponent, name: string, read: (text: string) => number[]): void => {
    component.children = component.children.map((child) => {
      if (child.kind !== "line" || child.name !== name) return child;
      return writeMasterFormTime(name, after, masterComponent, read(child.text).map(move));
    });
  };
  if (params.shiftExdates) {
    rewrite(masterComponent, "EXDATE", (text) => readTimeList(parsePropertyLine(text), context).map(toUtcMs));
  }
  for (const override of data.overrideComponents) {
    rewrite(override, "RECURRENCE-ID", (text) => [toUtcMs(readTimeProperty(parsePropertyLine(text), context))]);
  }
}
