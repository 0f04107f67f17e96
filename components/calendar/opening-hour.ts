/**
 * The hour a day or week grid opens at: the earlier of the current time (when today is shown)
 * and the earliest timed event of the visible range, both as wall time in the display zone, so
 * 3 am events of a New York display zone are in view rather than above a fixed 6 am.
 */
import { Temporal } from "temporal-polyfill";
import { FLOATING } from "./zoned-time.ts";

export interface TimedItem {
  start: string;
  end: string;
  allDay: boolean;
  timeZone?: string | null;
}

/** The calendar's morning when neither the current time nor an event gives an hour. */
export const defaultOpeningHour = "07:00:00";

function wallMinutes(item: TimedItem, timeZone: string): number {
  // A floating time is shown at its written wall time whatever the display zone.
  if (item.timeZone === FLOATING) {
    const time = Temporal.PlainDateTime.from(item.start.replace(/Z$/, ""));
    return time.hour * 60 + time.minute;
  }
  const zoned = Temporal.Instant.from(item.start).toZonedDateTimeISO(timeZone);
  return zoned.hour * 60 + zoned.minute;
}

/** Starts inside the range (one running in from the day before shows from midnight anyway). */
function startsInRange(item: TimedItem, range: { start: Date; end: Date }): boolean {
  const start = Date.parse(item.start);
  return start >= range.start.getTime() && start < range.end.getTime();
}

/**
 * `HH:00:00`: the hour before the earliest of them, so the first event has an hour of room above
 * it — glued to the top edge it is cut by the header, and a drag starting on it runs into the
 * grid's auto-scroll zone and lands early.
 */
export function openingHour(params: {
  items: TimedItem[];
  range: { start: Date; end: Date };
  now: Date;
  timeZone: string;
}): string {
  const { items, range, now, timeZone } = params;
  const minutes: number[] = [];
  if (now >= range.start && now < range.end) {
    const zoned = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone);
    minutes.push(zoned.hour * 60 + zoned.minute);
  }
  for (const item of items) {
    if (!item.allDay && startsInRange(item, range)) minutes.push(wallMinutes(item, timeZone));
  }
  if (minutes.length === 0) return defaultOpeningHour;
  const hour = Math.max(0, Math.floor(Math.min(...minutes) / 60) - 1);
  return `${String(hour).padStart(2, "0")}:00:00`;
}
