/** Names of the EventFields that differ between two versions. */
import type { EventFieldName, EventFields } from "./types.ts";

export const EVENT_FIELD_NAMES: readonly EventFieldName[] = [
  "title",
  "start",
  "end",
  "allDay",
  "timeZone",
  "location",
  "description",
  "recurrence",
  "status",
];

function sameTime(a: string, b: string): boolean {
  if (a === b) return true;
  // "2026-03-01T10:00:00+01:00" and "2026-03-01T09:00:00Z" are the same instant.
  const x = Date.parse(a);
  return a.length > 10 && b.length > 10 && !Number.isNaN(x) && x === Date.parse(b);
}

function sameText(a: string | null, b: string | null): boolean {
  // Absent and empty text mean the same to a person.
  return (a ?? "") === (b ?? "");
}

export function isSameFieldValue(name: EventFieldName, a: EventFields, b: EventFields): boolean {
  switch (name) {
    case "start":
    case "end":
      return sameTime(a[name], b[name]);
    case "recurrence":
      return a.recurrence.length === b.recurrence.length && a.recurrence.every((line, i) => line === b.recurrence[i]);
    case "title":
    case "location":
    case "description":
      return sameText(a[name], b[name]);
    default:
      return a[name] === b[name];
  }
}

export function diffEventFields(a: EventFields, b: EventFields): EventFieldName[] {
  return EVENT_FIELD_NAMES.filter((name) => !isSameFieldValue(name, a, b));
}
