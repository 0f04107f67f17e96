/** Reads a VCALENDAR's VEVENTs into master + overrides (RFC 4791 §4.1: one UID per resource). */
import {
  componentsOf,
  firstProperty,
  parseCalendarTree,
  parsePropertyLine,
  type ContentComponent,
} from "./content-lines.ts";
import { IcalParseError } from "./ical-parse-error.ts";
import type { TimeContext } from "./ical-time.ts";
import { readVevent } from "./read-vevent.ts";
import type { VeventData } from "./types.ts";

export interface CalendarData {
  calendar: ContentComponent;
  master: VeventData | null;
  masterComponent: ContentComponent | null;
  overrides: VeventData[];
  overrideComponents: ContentComponent[];
  vtimezones: Map<string, ContentComponent>;
}

/** Parses text and reads its events; throws IcalParseError for anything unreadable. */
export function readCalendar(text: string): CalendarData {
  const calendar = parseCalendarTree(text);
  const vtimezones = new Map<string, ContentComponent>();
  for (const vtimezone of componentsOf(calendar, "VTIMEZONE")) {
    const tzid = firstProperty(vtimezone, "TZID");
    if (tzid) vtimezones.set(parsePropertyLine(tzid.text).value.trim(), vtimezone);
  }
  const context: TimeContext = { vtimezones, unknownZone: false };
  const vevents = componentsOf(calendar, "VEVENT");
  if (vevents.length === 0) throw new IcalParseError("no VEVENT component");
  let master: VeventData | null = null;
  let masterComponent: ContentComponent | null = null;
  const overrides: VeventData[] = [];
  const overrideComponents: ContentComponent[] = [];
  for (const component of vevents) {
    const event = readVevent(component, context);
    if (event.recurrenceId) {
      overrides.push(event);
      overrideComponents.push(component);
    } else if (!master) {
      master = event;
      masterComponent = component;
    }
    // A second master with the same UID is invalid (RFC 4791 §4.1); the first one wins.
  }
  return { calendar, master, masterComponent, overrides, overrideComponents, vtimezones };
}
