/**
 * The normalised Event columns (docs/design.md "Data model") read out of the stored iCalendar text,
 * so a local edit, a merge and a pull fill them the same way.
 */
import type { EventBudget } from "./expansion-budget.ts";
import { parseEventResource } from "./parse-event-resource.ts";

export interface EventColumns {
  uid: string;
  title: string;
  startAt: Date;
  endAt: Date;
  timeZone: string | null;
  allDay: boolean;
  location: string | null;
  description: string | null;
  status: string;
  isRecurring: boolean;
  seriesStart: Date;
  seriesEnd: Date | null;
}

/** `budget`: this event's share of a pull run's expansion budget (its own by default). */
export function eventColumnsFromIcal(ical: string, options: { budget?: EventBudget } = {}): EventColumns {
  const parsed = parseEventResource(ical, { budget: options.budget });
  return {
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
  };
}
