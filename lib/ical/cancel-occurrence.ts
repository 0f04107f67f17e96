/**
 * Deletes one occurrence of a series: an EXDATE on the master (RFC 5545 §3.8.5.1) and the
 * override of that occurrence, if any, removed. Without a master (an invitation to single
 * occurrences) the override is marked STATUS:CANCELLED instead.
 */
import { serializeContentTree } from "./content-lines.ts";
import { applyFieldChanges } from "./apply-field-changes.ts";
import { insertPropertiesAfter, stampComponent } from "./edit-component.ts";
import { findOverrideIndex, recurrenceKey } from "./find-override.ts";
import { IcalEditError } from "./ical-edit-error.ts";
import { readCalendar } from "./read-calendar.ts";
import { writeMasterFormTime } from "./write-master-form-time.ts";

export function cancelOccurrence(params: { ical: string; recurrenceId: string; now?: Date }): string {
  const data = readCalendar(params.ical);
  const key = recurrenceKey(params.recurrenceId);
  const now = params.now ?? new Date();
  const index = findOverrideIndex(data, key);
  if (!data.master || !data.masterComponent) {
    const component = data.overrideComponents[index];
    const override = data.overrides[index];
    if (!component || !override) throw new IcalEditError("no such occurrence");
    applyFieldChanges({ component, current: override.fields, changes: { status: "cancelled" }, isOverride: true });
    stampComponent(component, now);
    return serializeContentTree([data.calendar]);
  }
  if (data.master.rrules.length === 0 && data.master.rdates.length === 0)
    throw new IcalEditError("event is not recurring");
  const overrideComponent = data.overrideComponents[index];
  if (overrideComponent) data.calendar.children = data.calendar.children.filter((c) => c !== overrideComponent);
  const exdate = writeMasterFormTime("EXDATE", data.master, data.masterComponent, key);
  insertPropertiesAfter(data.masterComponent, new Set(["RRULE", "RDATE", "EXDATE", "EXRULE", "DTEND", "DTSTART"]), [
    exdate,
  ]);
  stampComponent(data.masterComponent, now);
  return serializeContentTree([data.calendar]);
}
