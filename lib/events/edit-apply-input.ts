import type { EventFields } from "../ical/types.ts";
import type { PatchEventInput } from "./edit-input.ts";

/** `current` with the fields the request named replaced (absent = unchanged, null = cleared). */
export function applyPatchInput(params: { current: EventFields; input: PatchEventInput }): EventFields {
  const next: EventFields = { ...params.current, recurrence: [...params.current.recurrence] };
  const input = params.input;
  if (input.title !== undefined) next.title = input.title;
  if (input.start !== undefined) next.start = input.start;
  if (input.end !== undefined) next.end = input.end;
  if (input.allDay !== undefined) next.allDay = input.allDay;
  if (input.timeZone !== undefined) next.timeZone = input.timeZone;
  if (input.location !== undefined) next.location = input.location;
  if (input.description !== undefined) next.description = input.description;
  if (input.recurrence !== undefined) next.recurrence = input.recurrence;
  if (input.status !== undefined) next.status = input.status;
  // Switching to all-day without new dates keeps the days the event already covers.
  if (input.allDay === true && !params.current.allDay) {
    if (input.start === undefined) next.start = next.start.slice(0, 10);
    if (input.end === undefined) {
      const day = next.start.slice(0, 10);
      next.end = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    }
  }
  return next;
}

/**
 * "All occurrences" edited from one occurrence: the move the person made to that occurrence
 * (its new start/end against its original ones) is applied to the series master.
 */
export function shiftMasterTimes(params: {
  master: EventFields;
  occurrence: EventFields;
  next: EventFields;
}): EventFields {
  const { master, occurrence, next } = params;
  if (next.allDay !== master.allDay) return next;
  const delta = (a: string, b: string) => Date.parse(b) - Date.parse(a);
  const startShift = delta(occurrence.start, next.start);
  const endShift = delta(occurrence.end, next.end);
  const format = (ms: number) =>
    master.allDay ? new Date(ms).toISOString().slice(0, 10) : new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    ...next,
    start: format(Date.parse(master.start) + startShift),
    end: format(Date.parse(master.end) + endShift),
  };
}
