import { extractEventFields } from "../../ical/extract-event-fields.ts";
import type { EventFields } from "../../ical/types.ts";

/** The docs/api.md field object of a payload, or null when there is none (a deleted side) or it is unreadable. */
export function fieldsOrNull(ical: string | null | undefined): EventFields | null {
  if (!ical) return null;
  try {
    return extractEventFields(ical);
  } catch {
    return null;
  }
}
