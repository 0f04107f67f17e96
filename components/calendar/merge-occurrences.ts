import type { Occurrence } from "../api/api-types.ts";

/**
 * One meeting held by several of the person's calendars (same iCalendar UID) is shown once
 * (docs/design.md "The merged view shows one meeting once"). The API marks such occurrences with
 * `calendarIds`; should it list the copies separately, the later ones are dropped here, keeping
 * a writable copy first so the entry stays editable.
 */
export function mergeOccurrences(items: Occurrence[]): Occurrence[] {
  const seen = new Map<string, number>();
  const result: Occurrence[] = [];
  for (const item of items) {
    const holders = item.calendarIds ?? [];
    if (holders.length < 2) {
      result.push(item);
      continue;
    }
    const key = `${[...holders].sort().join(",")}|${item.originalStart ?? item.start}`;
    const index = seen.get(key);
    if (index === undefined) {
      seen.set(key, result.length);
      result.push(item);
    } else if ((result[index] as Occurrence).readOnly && !item.readOnly) {
      result[index] = item;
    }
  }
  return result;
}
