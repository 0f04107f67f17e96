/**
 * The editor's form state and its conversion to and from the API's event fields. Times in the
 * form are wall-clock values in the draft's time zone; the API gets UTC instants plus the zone.
 */
import type { Occurrence } from "../api/api-types.ts";
import {
  buildRecurrenceLine,
  parseRecurrence,
  type Frequency,
  type SimpleRecurrence,
  type WeekdayCode,
} from "./recurrence-rule.ts";
import { addDays, instantToLocalInput, localInputToInstant } from "./zoned-time.ts";

export interface EventDraft {
  title: string;
  allDay: boolean;
  /** `YYYY-MM-DD` when all-day, else `YYYY-MM-DDTHH:mm` in `timeZone`. */
  start: string;
  /** Inclusive last day when all-day (the API's end is exclusive), else wall time. */
  end: string;
  timeZone: string;
  location: string;
  description: string;
  calendarId: string;
  repeat: "none" | Frequency | "custom";
  interval: number;
  weekdays: WeekdayCode[];
  endKind: "never" | "count" | "until";
  count: number;
  until: string;
  /** Lines the editor cannot show (a custom RRULE, EXDATEs), kept as they were. */
  keptLines: string[];
}

export interface EventFields {
  title: string;
  allDay: boolean;
  start: string;
  end: string;
  timeZone: string;
  location: string;
  description: string;
  recurrence: string[];
}

function emptyRepeat(): Pick<
  EventDraft,
  "repeat" | "interval" | "weekdays" | "endKind" | "count" | "until" | "keptLines"
> {
  return { repeat: "none", interval: 1, weekdays: [], endKind: "never", count: 10, until: "", keptLines: [] };
}

export function draftFromOccurrence(params: {
  occurrence: Occurrence;
  recurrence?: string[] | null;
  fallbackTimeZone: string;
}): EventDraft {
  const { occurrence } = params;
  const timeZone = occurrence.timeZone || params.fallbackTimeZone;
  const parsed = parseRecurrence(params.recurrence ?? occurrence.recurrence);
  let repeat = emptyRepeat();
  if (parsed.kind === "simple") {
    repeat = {
      repeat: parsed.rule.frequency,
      interval: parsed.rule.interval,
      weekdays: parsed.rule.weekdays,
      endKind: parsed.rule.end.kind,
      count: parsed.rule.end.kind === "count" ? parsed.rule.end.count : 10,
      until: parsed.rule.end.kind === "until" ? parsed.rule.end.date : "",
      keptLines: parsed.otherLines,
    };
  } else if (parsed.kind === "custom") {
    repeat = { ...repeat, repeat: "custom", keptLines: parsed.lines };
  }
  return {
    title: occurrence.title,
    allDay: occurrence.allDay,
    start: occurrence.allDay
      ? occurrence.start.slice(0, 10)
      : instantToLocalInput({ instant: occurrence.start, timeZone }),
    end: occurrence.allDay
      ? addDays({ date: occurrence.end.slice(0, 10), days: -1 })
      : instantToLocalInput({ instant: occurrence.end, timeZone }),
    timeZone,
    location: occurrence.location ?? "",
    description: occurrence.description ?? "",
    calendarId: occurrence.calendarId,
    ...repeat,
  };
}

export function draftForNewEvent(params: {
  start: string;
  end: string;
  allDay: boolean;
  timeZone: string;
  calendarId: string;
}): EventDraft {
  return {
    title: "",
    allDay: params.allDay,
    start: params.allDay
      ? params.start.slice(0, 10)
      : instantToLocalInput({ instant: params.start, timeZone: params.timeZone }),
    end: params.allDay
      ? addDays({ date: params.end.slice(0, 10), days: -1 })
      : instantToLocalInput({ instant: params.end, timeZone: params.timeZone }),
    timeZone: params.timeZone,
    location: "",
    description: "",
    calendarId: params.calendarId,
    ...emptyRepeat(),
  };
}

/** Switching all-day on or off keeps the chosen days and picks sensible times. */
export function toggleAllDay(draft: EventDraft, allDay: boolean): EventDraft {
  if (allDay === draft.allDay) return draft;
  if (allDay) return { ...draft, allDay, start: draft.start.slice(0, 10), end: draft.end.slice(0, 10) };
  return { ...draft, allDay, start: `${draft.start}T09:00`, end: `${draft.end}T10:00` };
}

export function recurrenceLines(draft: EventDraft): string[] {
  if (draft.repeat === "none") return [];
  if (draft.repeat === "custom") return draft.keptLines;
  const end: SimpleRecurrence["end"] =
    draft.endKind === "count"
      ? { kind: "count", count: draft.count }
      : draft.endKind === "until" && draft.until
        ? { kind: "until", date: draft.until }
        : { kind: "never" };
  return [
    buildRecurrenceLine({ frequency: draft.repeat, interval: draft.interval, weekdays: draft.weekdays, end }),
    ...draft.keptLines,
  ];
}

/** Checks the draft; returns a sentence for the person, or null when it can be saved. */
export function validateDraft(draft: EventDraft): string | null {
  if (!draft.start || !draft.end) return "Start and end are required.";
  const fields = fieldsFromDraft(draft);
  // A timed event may end when it starts (RFC 5545 §3.6.1); an all-day one covers a day at least.
  if (draft.allDay ? fields.end <= fields.start : Date.parse(fields.end) < Date.parse(fields.start)) {
    return draft.allDay ? "The end must be after the start." : "The end must not be before the start.";
  }
  if (draft.repeat !== "none" && draft.repeat !== "custom" && draft.endKind === "until" && !draft.until) {
    return "Choose the last day of the repetition.";
  }
  return null;
}

export function fieldsFromDraft(draft: EventDraft): EventFields {
  return {
    title: draft.title.trim(),
    allDay: draft.allDay,
    start: draft.allDay ? draft.start : localInputToInstant({ local: draft.start, timeZone: draft.timeZone }),
    end: draft.allDay
      ? addDays({ date: draft.end, days: 1 })
      : localInputToInstant({ local: draft.end, timeZone: draft.timeZone }),
    timeZone: draft.timeZone,
    location: draft.location,
    description: draft.description,
    recurrence: recurrenceLines(draft),
  };
}

/** Fields of `next` that differ from `previous` (a PATCH sends only what changed). */
export function changedFields(previous: EventFields, next: EventFields): Partial<EventFields> {
  const changes: Partial<EventFields> = {};
  for (const key of Object.keys(next) as (keyof EventFields)[]) {
    if (JSON.stringify(previous[key]) !== JSON.stringify(next[key])) {
      (changes as Record<string, unknown>)[key] = next[key];
    }
  }
  // A time change is always sent as a pair, with its zone, so the server never mixes halves.
  if (
    changes.start !== undefined ||
    changes.end !== undefined ||
    changes.allDay !== undefined ||
    changes.timeZone !== undefined
  ) {
    Object.assign(changes, { start: next.start, end: next.end, allDay: next.allDay, timeZone: next.timeZone });
  }
  return changes;
}
