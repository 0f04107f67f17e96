/**
 * Rows as the sync engine writes them: a user, a connection with calendars, and Event rows whose
 * normalised columns come from lib/ical's parser.
 */
import { randomUUID } from "node:crypto";
import { db } from "../../../lib/db/client.ts";
import { eventColumnsFromIcal } from "../../../lib/ical/event-columns.ts";

export async function createTestUser(label = "user"): Promise<string> {
  const user = await db().user.create({ data: { email: `${label}-${randomUUID()}@example.test` } });
  return user.id;
}

export async function createTestCalendar(params: {
  userId: string;
  name?: string;
  readOnly?: boolean;
  enabled?: boolean;
}): Promise<string> {
  const connection = await db().connection.create({
    data: {
      userId: params.userId,
      provider: "CALDAV",
      accountName: "test",
      credentials: "{}",
      serverUrl: "http://127.0.0.1/",
    },
  });
  const calendar = await db().calendar.create({
    data: {
      userId: params.userId,
      connectionId: connection.id,
      remoteId: `/cal/${randomUUID()}/`,
      remoteName: params.name ?? "Calendar",
      readOnly: params.readOnly ?? false,
      enabled: params.enabled ?? true,
    },
  });
  return calendar.id;
}

/** A VCALENDAR around the given VEVENT bodies (each a list of content lines without BEGIN/END). */
export function icalOf(...vevents: string[][]): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Concord tests//EN"];
  for (const body of vevents) lines.push("BEGIN:VEVENT", "DTSTAMP:20260101T000000Z", ...body, "END:VEVENT");
  lines.push("END:VCALENDAR");
  return `${lines.join("\r\n")}\r\n`;
}

/** The Event columns the sync engine derives from a payload. */
export function eventColumns(ical: string) {
  return { ical, ...eventColumnsFromIcal(ical) };
}

export async function insertEvent(params: {
  userId: string;
  calendarId: string;
  ical: string;
  extra?: { deletedLocally?: boolean; parseError?: string; syncState?: "SYNCED" | "PENDING" | "CONFLICT" };
}): Promise<string> {
  const row = await db().event.create({
    data: {
      userId: params.userId,
      calendarId: params.calendarId,
      remoteRef: `/cal/${randomUUID()}.ics`,
      etag: `"${randomUUID()}"`,
      ...eventColumns(params.ical),
      ...params.extra,
    },
  });
  return row.id;
}

/** A one-off timed event in UTC. */
export function simpleEvent(params: { uid?: string; title: string; start: string; end: string }): string {
  return icalOf([
    `UID:${params.uid ?? randomUUID()}`,
    `SUMMARY:${params.title}`,
    `DTSTART:${params.start}`,
    `DTEND:${params.end}`,
  ]);
}
