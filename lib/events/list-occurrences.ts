/**
 * The range query behind GET /api/v1/events: the occurrences of the user's events that overlap
 * [start, end), recurring series expanded, one meeting held in several calendars shown once
 * (docs/design.md "The merged view shows one meeting once").
 */
import { db } from "../db/client.ts";
import { Prisma } from "../db/generated/client.ts";
import { notFound } from "../errors/app-error.ts";
import { createEventLoopYielder } from "../ical/event-loop-yielder.ts";
import { expandSeriesWithinBudget } from "../ical/expand-occurrences.ts";
import { createExpansionBudget, type EventBudget } from "../ical/expansion-budget.ts";
import type { EventStatus } from "../ical/types.ts";
import { checkRange } from "./query-range.ts";
import { eventEtag, formatStoredTime, type EventRowForApi } from "./serialize-event.ts";

export interface ApiOccurrence {
  /** `eventId` for a single event; `eventId:originalStart` for an occurrence of a series. */
  id: string;
  eventId: string;
  calendarId: string;
  /** Every calendar of the user holding this meeting (same UID), the shown copy first. */
  calendarIds: string[];
  title: string;
  start: string;
  end: string;
  allDay: boolean;
  timeZone: string | null;
  location: string | null;
  description: string | null;
  recurrence?: string[];
  recurringEventId?: string;
  originalStart?: string;
  status: EventStatus;
  syncState: "synced" | "pending" | "conflict";
  readOnly: boolean;
  etag: string;
  /**
   * Present (true) when the series could not be expanded within Concord's limits: only its
   * first occurrence (and its overrides) are listed; the event itself is kept unchanged.
   */
  recurrenceTooComplex?: true;
}

type Row = EventRowForApi;

function overlaps(start: number, end: number, rangeStart: number, rangeEnd: number): boolean {
  // Same rule as lib/ical's expansion: a zero-length event belongs to the range its instant is in.
  return end > start ? start < rangeEnd && end > rangeStart : start >= rangeStart && start < rangeEnd;
}

function base(
  row: Row,
): Omit<
  ApiOccurrence,
  "id" | "title" | "start" | "end" | "allDay" | "timeZone" | "location" | "description" | "status"
> {
  return {
    eventId: row.id,
    calendarId: row.calendarId,
    calendarIds: [row.calendarId],
    syncState: row.syncState.toLowerCase() as ApiOccurrence["syncState"],
    readOnly: row.calendar.readOnly,
    etag: eventEtag(row),
  };
}

function statusOf(value: string): EventStatus {
  return value === "tentative" || value === "cancelled" ? value : "confirmed";
}

function occurrencesOfRow(row: Row, rangeStart: Date, rangeEnd: Date, budget: EventBudget): ApiOccurrence[] {
  if (!row.isRecurring) {
    if (!row.startAt || !row.endAt) return [];
    if (!overlaps(row.startAt.getTime(), row.endAt.getTime(), rangeStart.getTime(), rangeEnd.getTime())) return [];
    return [
      {
        id: row.id,
        ...base(row),
        title: row.title,
        start: formatStoredTime(row.startAt, row.allDay),
        end: formatStoredTime(row.endAt, row.allDay),
        allDay: row.allDay,
        timeZone: row.timeZone,
        location: row.location,
        description: row.description,
        status: statusOf(row.status),
      },
    ];
  }
  const { occurrences, isTooComplex } = expandSeriesWithinBudget({ ical: row.ical, rangeStart, rangeEnd, budget });
  return occurrences.map((occurrence) => ({
    id: `${row.id}:${occurrence.originalStart}`,
    ...base(row),
    title: occurrence.fields.title,
    start: occurrence.start,
    end: occurrence.end,
    allDay: occurrence.allDay,
    timeZone: occurrence.timeZone,
    location: occurrence.fields.location,
    description: occurrence.fields.description,
    recurrence: occurrence.fields.recurrence,
    recurringEventId: row.id,
    originalStart: occurrence.originalStart,
    status: occurrence.fields.status,
    ...(isTooComplex ? { recurrenceTooComplex: true as const } : {}),
  }));
}

/** The calendars to show: the explicit ids (each must be the user's, else 404) or every enabled one. */
async function selectCalendars(params: { userId: string; calendarIds?: string[] }): Promise<string[]> {
  if (!params.calendarIds) {
    const calendars = await db().calendar.findMany({
      where: { userId: params.userId, enabled: true },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    return calendars.map((calendar) => calendar.id);
  }
  const wanted = [...new Set(params.calendarIds)];
  const found = await db().calendar.findMany({
    where: { userId: params.userId, id: { in: wanted } },
    select: { id: true },
  });
  // Another user's calendar id answers like an unknown one (docs/api.md: 404, no details).
  if (found.length !== wanted.length) throw notFound("Calendar");
  return wanted;
}

/**
 * Merges copies of one meeting (same UID, same original start) found in several calendars into
 * one entry. The shown copy is a writable calendar's when there is one, so an edit can be saved.
 */
function mergeCopies(items: { occurrence: ApiOccurrence; uid: string; rank: number }[]): ApiOccurrence[] {
  const groups = new Map<string, { occurrence: ApiOccurrence; rank: number }[]>();
  for (const item of items) {
    const key = `${item.uid}\u0000${item.occurrence.originalStart ?? ""}`;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const merged: ApiOccurrence[] = [];
  for (const group of groups.values()) {
    group.sort(
      (a, b) =>
        Number(a.occurrence.readOnly) - Number(b.occurrence.readOnly) ||
        a.rank - b.rank ||
        a.occurrence.eventId.localeCompare(b.occurrence.eventId),
    );
    const shown = group[0]!.occurrence;
    const calendarIds = [...new Set(group.map((item) => item.occurrence.calendarId))];
    merged.push({ ...shown, calendarIds });
  }
  return merged.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id));
}

/**
 * Rows whose series span overlaps the range, without reading the rest of the calendar: the
 * span overlap is answered by the GiST index of migration 20261122034900_event_span_gist (its
 * expression is repeated here verbatim), and the B-tree conditions on (calendarId, seriesStart)
 * / (calendarId, seriesEnd) let the planner use those instead when they are more selective.
 * seriesEnd null = open-ended series. Closed span bounds keep zero-length events; edge-only
 * contacts are dropped by `overlaps` above.
 */
async function findRowsInRange(params: { userId: string; calendarIds: string[]; start: Date; end: Date }) {
  // Timestamps as text cast to timestamp: the columns hold UTC without a zone (Prisma's
  // convention), and a text "...Z" cast to timestamp keeps the UTC wall time whatever the
  // session time zone.
  const start = params.start.toISOString();
  const end = params.end.toISOString();
  const matches = await db().$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Event"
    WHERE "userId" = ${params.userId} AND "calendarId" IN (${Prisma.join(params.calendarIds)})
      AND NOT "deletedLocally" AND "parseError" IS NULL
      AND "seriesStart" < ${end}::timestamp AND ("seriesEnd" IS NULL OR "seriesEnd" >= ${start}::timestamp)
      AND tsrange("seriesStart", greatest("seriesStart", coalesce("seriesEnd", 'infinity'::timestamp)), '[]')
          && tsrange(${start}::timestamp, ${end}::timestamp, '[)')`;
  if (matches.length === 0) return [];
  return db().event.findMany({
    where: { id: { in: matches.map((row) => row.id) } },
    // The payload is the widest column and only series need it (to expand): read it for those.
    omit: { ical: true, base: true },
    include: { calendar: { select: { readOnly: true } } },
  });
}

export async function listOccurrences(params: {
  userId: string;
  start: Date;
  end: Date;
  calendarIds?: string[];
}): Promise<ApiOccurrence[]> {
  checkRange(params);
  const calendarIds = await selectCalendars(params);
  if (calendarIds.length === 0) return [];
  const rank = new Map(calendarIds.map((id, index) => [id, index]));
  const rows = await findRowsInRange({ userId: params.userId, calendarIds, start: params.start, end: params.end });
  const seriesIds = rows.filter((row) => row.isRecurring).map((row) => row.id);
  const payloads = new Map<string, string>();
  if (seriesIds.length > 0) {
    const found = await db().event.findMany({ where: { id: { in: seriesIds } }, select: { id: true, ical: true } });
    for (const row of found) payloads.set(row.id, row.ical);
  }
  const items: { occurrence: ApiOccurrence; uid: string; rank: number }[] = [];
  // Every series gets a bounded share of one budget for the whole answer, and the loop lets
  // other requests in between: a calendar of rule bombs costs about a second, not minutes.
  const budget = createExpansionBudget();
  const yielder = createEventLoopYielder();
  for (const row of rows) {
    if (row.isRecurring) await yielder.pause();
    let occurrences: ApiOccurrence[];
    try {
      occurrences = occurrencesOfRow(
        { ...row, ical: payloads.get(row.id) ?? "" },
        params.start,
        params.end,
        budget.forEvent(),
      );
    } catch (error) {
      // A stored payload that stopped expanding must not hide the rest of the view.
      console.warn(`Event ${row.id} could not be expanded: ${error instanceof Error ? error.name : "error"}`);
      continue;
    }
    for (const occurrence of occurrences) items.push({ occurrence, uid: row.uid, rank: rank.get(row.calendarId) ?? 0 });
  }
  return mergeCopies(items);
}
