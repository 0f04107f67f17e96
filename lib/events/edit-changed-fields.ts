/**
 * The field changes to write for a requested edit: the names that really differ, and a
 * changes object where a time change carries the whole time group (DTSTART and DTEND are
 * written together, lib/ical applyFieldChanges).
 */
import { diffEventFields } from "../ical/diff-event-fields.ts";
import type { EventFieldName, EventFields } from "../ical/types.ts";

const TIME_GROUP: EventFieldName[] = ["start", "end", "allDay", "timeZone"];

export function changedFields(params: { current: EventFields; next: EventFields }): {
  names: EventFieldName[];
  changes: Partial<EventFields>;
} {
  const names = diffEventFields(params.current, params.next);
  const changes: Partial<EventFields> = {};
  const copy = (name: EventFieldName) => Object.assign(changes, { [name]: params.next[name] });
  for (const name of names) copy(name);
  if (names.some((name) => TIME_GROUP.includes(name))) TIME_GROUP.forEach(copy);
  return { names, changes };
}
