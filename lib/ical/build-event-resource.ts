/** Writes a new iCalendar object for a new event (RFC 5545 §3.4, §3.6.1). */
import type { ContentComponent, ContentLine } from "./content-lines.ts";
import { serializeContentTree } from "./content-lines.ts";
import { applyFieldChanges } from "./apply-field-changes.ts";
import { ensureVtimezones } from "./ensure-vtimezones.ts";
import { formatPropertyLine } from "./format-property-line.ts";
import { formatIcalUtc, parseApiTime } from "./ical-time.ts";
import type { EventFields } from "./types.ts";

export const DEFAULT_PROD_ID = "-//Concord//Concord Calendar//EN";

function line(name: string, value: string): ContentLine {
  return formatPropertyLine(name, {}, value);
}

function component(name: string, children: ContentComponent["children"]): ContentComponent {
  return { kind: "component", name, begin: line("BEGIN", name), end: line("END", name), children };
}

/**
 * One VCALENDAR with one VEVENT: UID, DTSTAMP, SEQUENCE:0, DTSTART and always DTEND, plus a
 * VTIMEZONE when the event has an IANA zone. No METHOD (RFC 4791 §4.1).
 */
export function buildEventResource(params: { uid: string; fields: EventFields; prodId?: string; now?: Date }): string {
  const now = params.now ?? new Date();
  const stamp = formatIcalUtc(Math.floor(now.getTime() / 1000) * 1000);
  const vevent = component("VEVENT", [
    line("UID", params.uid),
    line("DTSTAMP", stamp),
    line("CREATED", stamp),
    line("LAST-MODIFIED", stamp),
    line("SEQUENCE", "0"),
  ]);
  const { fields } = params;
  const changes: Partial<EventFields> = {
    title: fields.title,
    start: fields.start,
    end: fields.end,
    allDay: fields.allDay,
    timeZone: fields.timeZone,
    location: fields.location,
    description: fields.description,
    status: fields.status,
    recurrence: fields.recurrence,
  };
  const tzids = applyFieldChanges({ component: vevent, current: fields, changes, isOverride: false });
  const calendar = component("VCALENDAR", [
    line("VERSION", "2.0"),
    line("PRODID", params.prodId ?? DEFAULT_PROD_ID),
    line("CALSCALE", "GREGORIAN"),
    vevent,
  ]);
  ensureVtimezones(calendar, tzids, fields.allDay ? Date.parse(fields.start) : parseApiTime(fields.start).ms);
  return serializeContentTree([calendar]);
}
