/**
 * Concord's event model on top of iCalendar (RFC 5545). Every provider's payload is stored as
 * iCalendar text; these types are what the rest of the code base reads out of it.
 */

/** Event status as docs/api.md spells it (RFC 5545 §3.8.1.11 STATUS, lower-cased). */
export type EventStatus = "confirmed" | "tentative" | "cancelled";

/**
 * The docs/api.md event field object.
 *
 * Times:
 * - timed events: `start`/`end` are RFC 3339 instants in UTC (`2026-03-01T09:00:00Z`);
 *   `timeZone` is the IANA zone the event was written in (wall-clock rules such as "09:00
 *   every Monday" follow it across DST), or `null` for UTC.
 * - floating times (RFC 5545 §3.3.5 form #1, no zone): `timeZone` is the string `"floating"`
 *   and `start`/`end` hold the wall-clock time written as if it were UTC.
 * - all-day events: `allDay: true`, `start`/`end` are `YYYY-MM-DD` with an exclusive end,
 *   `timeZone` is `null`.
 */
export interface EventFields {
  title: string;
  start: string;
  end: string;
  allDay: boolean;
  timeZone: string | null;
  location: string | null;
  description: string | null;
  /** Unfolded RRULE / RDATE / EXDATE (and EXRULE) content lines of the series, in file order. */
  recurrence: string[];
  status: EventStatus;
}

/** Names of the fields of {@link EventFields}. */
export type EventFieldName = keyof EventFields;

/** The marker used in {@link EventFields.timeZone} for floating times. */
export const FLOATING_TIME_ZONE = "floating";

/** One RECURRENCE-ID override of a series, as summarised by `parseEventResource`. */
export interface OverrideSummary {
  /** Original start of the replaced occurrence: RFC 3339 UTC, or `YYYY-MM-DD` for all-day. */
  recurrenceId: string;
  start: string;
  end: string;
  status: EventStatus;
  /** STATUS:CANCELLED on the override: the occurrence is hidden. */
  isCancelled: boolean;
}

/**
 * A wall-clock time zone. Wall times are "wall-as-UTC" epoch milliseconds: the local
 * date-time written with `Date.UTC(...)`, so floating arithmetic stays plain numbers.
 */
export interface Zone {
  /** IANA name when known (Intl resolves it), else null (floating, UTC or a private VTIMEZONE). */
  iana: string | null;
  isFloating: boolean;
  isUtc: boolean;
  wallToUtc(wallMs: number): number;
  utcToWall(utcMs: number): number;
}

/** A DATE or DATE-TIME value read from a property, before it is placed on the time line. */
export interface IcalTimeValue {
  wallMs: number;
  isDate: boolean;
  zone: Zone;
}

/** One VEVENT read into numbers; internal to lib/ical (used by expansion and patching). */
export interface VeventData {
  uid: string;
  fields: EventFields;
  start: IcalTimeValue;
  startUtc: number;
  endUtc: number;
  /** Length in wall-clock ms when start and end share a zone (DST-safe), else exact ms. */
  durationMs: number;
  isDurationWall: boolean;
  rrules: string[];
  exrules: string[];
  rdates: IcalTimeValue[];
  exdates: IcalTimeValue[];
  recurrenceId: IcalTimeValue | null;
  /** UTC ms of RECURRENCE-ID (wall-as-UTC for DATE values); null on a master. */
  recurrenceIdKey: number | null;
  sequence: number;
  hasUnknownZone: boolean;
}

/** What `parseEventResource` returns for one CalDAV resource (master + overrides). */
export interface ParsedEvent {
  uid: string;
  /** Fields of the master; of the earliest override when the resource holds overrides only. */
  fields: EventFields;
  startAt: Date;
  endAt: Date;
  allDay: boolean;
  /** True for floating times and for zones that could not be resolved (read as UTC). */
  isFloating: boolean;
  isRecurring: boolean;
  hasMaster: boolean;
  sequence: number;
  /** Start of the first occurrence. */
  seriesStart: Date;
  /** End of the last occurrence; null when the series is open-ended. */
  seriesEnd: Date | null;
  /**
   * True when the series is beyond Concord's recurrence limits or could not be expanded within
   * its budget: it is kept and shown by its first occurrence (lib/ical/expansion-budget.ts).
   */
  isRecurrenceTooComplex: boolean;
  overrides: OverrideSummary[];
  /** Parsed components for expansion; not JSON-serialisable, do not store. */
  master: VeventData | null;
  overrideData: VeventData[];
}

/** One occurrence for the range query (docs/api.md Occurrence, minus storage fields). */
export interface Occurrence {
  /** Original start: RFC 3339 UTC, or `YYYY-MM-DD` for all-day. */
  originalStart: string;
  start: string;
  end: string;
  allDay: boolean;
  timeZone: string | null;
  fields: EventFields;
  isOverride: boolean;
}
