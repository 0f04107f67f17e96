/**
 * The Event row's normalised columns, read once from a remote payload (docs/design.md "Data
 * model"). An unparseable payload yields `parseError` and no columns: the row is kept aside
 * with its raw text, never dropped (docs/design.md "Hard-won rules").
 */
import { eventColumnsFromIcal, type EventColumns } from "../../ical/event-columns.ts";
import type { EventBudget } from "../../ical/expansion-budget.ts";

export type { EventColumns };

export type ParsedRemote =
  { columns: EventColumns; parseError: null } | { columns: null; parseError: string; uid: string };

/** Best-effort UID of a payload the parser refused, so the kept row stays findable. */
function sniffUid(ical: string, ref: string): string {
  const match = /^UID[^:\r\n]*:([^\r\n]*)/im.exec(ical);
  return match?.[1]?.trim() || ref;
}

/** `budget`: the event's share of the pull run's expansion budget (lib/ical/expansion-budget.ts). */
export function readEventColumns(params: { ical: string; ref: string; budget?: EventBudget }): ParsedRemote {
  try {
    return { parseError: null, columns: eventColumnsFromIcal(params.ical, { budget: params.budget }) };
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
