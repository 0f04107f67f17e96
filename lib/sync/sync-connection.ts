/**
 * Initial sync of a new connection: pulls every enabled calendar, one after the other (a
 * provider budgets requests per account). A calendar that fails is recorded on its own row and
 * SyncRun and does not stop the others; afterwards the first failure is thrown so the job is
 * retried (pulls are idempotent). A revoked sign-in stops them all at once.
 */
import { db } from "../db/client.ts";
import { notFound } from "../errors/app-error.ts";
import { AuthRevoked } from "../providers/errors.ts";
import { pullCalendar, type PullCalendarResult } from "./pull-calendar.ts";

export interface CalendarSyncOutcome {
  calendarId: string;
  result?: PullCalendarResult;
  error?: unknown;
}

export async function syncConnection(params: { connectionId: string }): Promise<CalendarSyncOutcome[]> {
  const connection = await db().connection.findUnique({
    where: { id: params.connectionId },
    select: { id: true, calendars: { where: { enabled: true }, select: { id: true }, orderBy: { createdAt: "asc" } } },
  });
  if (!connection) throw notFound("Connection");
  const outcomes: CalendarSyncOutcome[] = [];
  for (const calendar of connection.calendars) {
    try {
      outcomes.push({ calendarId: calendar.id, result: await pullCalendar({ calendarId: calendar.id }) });
    } catch (error) {
      if (error instanceof AuthRevoked) throw error;
      outcomes.push({ calendarId: calendar.id, error });
    }
  }
  const failed = outcomes.find((outcome) => outcome.error !== undefined);
  if (failed) throw failed.error;
  return outcomes;
}
