/** EventFields of the master, or of one occurrence (its override, else the master's values at that time). */
import { recurrenceKey } from "./find-override.ts";
import { formatDate, formatInstant } from "./ical-time.ts";
import { occurrenceEnd, parseEventResource } from "./parse-event-resource.ts";
import type { EventFields } from "./types.ts";

export function extractEventFields(ical: string, recurrenceId?: string): EventFields {
  // Edits never read the series span: skip its expansion.
  const parsed = parseEventResource(ical, { withSpan: false });
  if (recurrenceId === undefined) return parsed.fields;
  const key = recurrenceKey(recurrenceId);
  const override = parsed.overrideData.find((o) => o.recurrenceIdKey === key);
  if (override) return override.fields;
  const master = parsed.master;
  if (!master) return parsed.fields;
  const wall = master.start.isDate ? key : master.start.zone.utcToWall(key);
  const end = occurrenceEnd(master, wall, key);
  const format = master.start.isDate ? formatDate : formatInstant;
  return { ...master.fields, start: format(key), end: format(end) };
}
