/**
 * Changes only the given fields of an existing iCalendar object: the master, or the override
 * of one occurrence (created from the master when missing). Every other line — alarms,
 * attendees, X- properties, other overrides — stays byte-for-byte as it was.
 */
import { serializeContentTree, type ContentComponent } from "./content-lines.ts";
import { applyFieldChanges } from "./apply-field-changes.ts";
import { cloneComponent, replaceProperties, stampComponent } from "./edit-component.ts";
import { ensureVtimezones } from "./ensure-vtimezones.ts";
import { findOverrideIndex, recurrenceKey } from "./find-override.ts";
import { formatDate, formatInstant } from "./ical-time.ts";
import { IcalEditError } from "./ical-edit-error.ts";
import { occurrenceEnd } from "./parse-event-resource.ts";
import { readCalendar, type CalendarData } from "./read-calendar.ts";
import { shiftSeriesExceptions } from "./shift-series-exceptions.ts";
import type { EventFields, VeventData } from "./types.ts";
import { writeMasterFormTime } from "./write-master-form-time.ts";

/** Properties of the master that an override must not copy (RFC 5545 §3.8.4.4, §3.8.5). */
const NOT_COPIED = new Set([
  "RRULE",
  "RDATE",
  "EXDATE",
  "EXRULE",
  "DTSTART",
  "DTEND",
  "DURATION",
  "RECURRENCE-ID",
  "X-RECURRENCE-EXCEPTION",
  "DTSTAMP",
  "LAST-MODIFIED",
  "CREATED",
]);

function createOverride(data: CalendarData, key: number): { component: ContentComponent; current: EventFields } {
  const master = data.master;
  const masterComponent = data.masterComponent;
  if (!master || !masterComponent) throw new IcalEditError("no series master to override");
  const component = cloneComponent(masterComponent);
  replaceProperties(component, NOT_COPIED, []);
  const wallStart = master.start.isDate ? key : master.start.zone.utcToWall(key);
  const endKey = occurrenceEnd(master, wallStart, key);
  replaceProperties(component, new Set(["DTSTART"]), [
    writeMasterFormTime("RECURRENCE-ID", master, masterComponent, key),
    writeMasterFormTime("DTSTART", master, masterComponent, key),
    writeMasterFormTime("DTEND", master, masterComponent, endKey),
  ]);
  const last = data.overrideComponents[data.overrideComponents.length - 1] ?? masterComponent;
  data.calendar.children.splice(data.calendar.children.indexOf(last) + 1, 0, component);
  const format = master.start.isDate ? formatDate : formatInstant;
  return { component, current: { ...master.fields, start: format(key), end: format(endKey), recurrence: [] } };
}

/** The VEVENT to edit and its current fields. */
function target(
  data: CalendarData,
  recurrenceId: string | undefined,
): { component: ContentComponent; current: EventFields; event: VeventData | null } {
  if (recurrenceId === undefined) {
    if (data.master && data.masterComponent)
      return { component: data.masterComponent, current: data.master.fields, event: data.master };
    const first = data.overrideComponents[0];
    const event = data.overrides[0];
    if (!first || !event) throw new IcalEditError("no VEVENT to edit");
    return { component: first, current: event.fields, event };
  }
  const key = recurrenceKey(recurrenceId);
  const index = findOverrideIndex(data, key);
  if (index >= 0)
    return {
      component: data.overrideComponents[index]!,
      current: data.overrides[index]!.fields,
      event: data.overrides[index]!,
    };
  return { ...createOverride(data, key), event: null };
}

export function patchEventResource(params: {
  ical: string;
  changes: Partial<EventFields>;
  recurrenceId?: string;
  now?: Date;
  /** Lowest SEQUENCE to write (e.g. above both sides after a merge). */
  minSequence?: number;
}): string {
  const data = readCalendar(params.ical);
  const { component, current, event } = target(data, params.recurrenceId);
  const tzids = applyFieldChanges({
    component,
    current,
    changes: params.changes,
    isOverride: component !== data.masterComponent,
  });
  const isTimeChange = ["start", "end", "allDay", "timeZone"].some(
    (name) => params.changes[name as keyof EventFields] !== undefined,
  );
  if (component === data.masterComponent && data.master && isTimeChange) {
    shiftSeriesExceptions({ data, before: data.master, shiftExdates: params.changes.recurrence === undefined });
  }
  const masterSequence = data.master?.sequence ?? 0;
  // A new override starts at the master's SEQUENCE; the stamp then bumps it.
  stampComponent(
    component,
    params.now ?? new Date(),
    Math.max(params.minSequence ?? 0, event ? 0 : masterSequence + 1),
  );
  ensureVtimezones(data.calendar, tzids, event?.startUtc ?? data.master?.startUtc ?? Date.now());
  return serializeContentTree([data.calendar]);
}
