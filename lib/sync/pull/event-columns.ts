/**
 * The Event row's normalised columns, read once from a remote payload (DESIGN.md "Data
 * model"). An unparseable payload yields `parseError` and no columns: the row is kept aside
 * with its raw text, never dropped (DESIGN.md "Hard-won rules").
 */
import { parseEventResource } from "../../ical/parse-event-resource.ts";

export interface EventColumns {
  uid: string;
  title: string;
  startAt: Date | null;
  endAt: Date | null;
  timeZone: string | null;
  allDay: boolean;
  location: string | null;
  description: string | null;
  status: string;
  isRecurring: boolean;
  seriesStart: Date | null;
  seriesEnd: Date | null;
}

export type ParsedRemote =
  { columns: EventColumns; parseError: null } | { columns: null; parseError: string; uid: string };

/** Best-effort UID of a payload the parser refused, so the kept row stays findable. */
function sniffUid(ical: string, ref: string): string {
  const match = /^UID[^:\r\n]*:([^\r\n]*)/im.exec(ical);
  return match?.[1]?.trim() || ref;
}

export function readEventColumns(params: { ical: string; ref: string }): ParsedRemote {
  try {
    const parsed = parseEventResource(params.ical);
    return {
      parseError: null,
      columns: {
        uid: parsed.uid,
        title: parsed.fields.title,
        startAt: parsed.startAt,
        endAt: parsed.endAt,
        timeZone: parsed.fields.timeZone,
        allDay: parsed.allDay,
        location: parsed.fields.location,
        description: parsed.fields.description,
        status: parsed.fields.status,
        isRecurring: parsed.isRecurring,
        seriesStart: parsed.seriesStart,
        seriesEnd: parsed.seriesEnd,
      },
    };
  } catch (error) {
    // IcalParseError and anything ical.js throws on broken input: the text is kept either way.
    const reason = error instanceof Error ? error.message : String(error);
    return {
      columns: null,
      parseError: reason.slice(0, 500) || "unreadable iCalendar",
      uid: sniffUid(params.ical, params.ref),
    };
  }
}
