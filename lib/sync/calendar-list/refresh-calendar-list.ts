/**
 * Keeps a connection's calendar list current without a reconnect: calendars created on the
 * server appear (and get their first pull), renamed, recoloured or re-shared ones change, and
 * deleted ones go — but only after the server itself reports them gone (`isCalendarGone`), so
 * a failed or partial listing removes nothing. Local overrides (name, colour, hidden) are
 * separate columns and stay as the person set them.
 */
import { markConnectionNeedsReauth } from "../../connections/mark-connection-needs-reauth.ts";
import { providerForConnection } from "../../connections/provider-for-connection.ts";
import { remoteCalendarColumns } from "../../connections/remote-calendar-columns.ts";
import { db } from "../../db/client.ts";
import type { Calendar } from "../../db/generated/client.ts";
import { AuthRevoked } from "../../providers/errors.ts";
import type { CalendarProvider, RemoteCalendar } from "../../providers/types.ts";
import { sendEvent } from "../../queue/send-event.ts";
import { isCalendarGone } from "./is-calendar-gone.ts";
import { removeGoneCalendar } from "./remove-gone-calendar.ts";

export interface CalendarListRefresh {
  added: string[];
  changed: string[];
  removed: string[];
  /** Gone on the server, kept here for local changes that were never sent. */
  keptForUnsentChanges: string[];
  /** Missing from the listing, yet the calendar still answers: kept as it is. */
  stillAnswering: string[];
}

type Columns = ReturnType<typeof remoteCalendarColumns>;

function differs(row: Calendar, columns: Columns): boolean {
  return (Object.keys(columns) as (keyof Columns)[]).some((key) => row[key] !== columns[key]);
}

async function listRemoteCalendars(params: { provider: CalendarProvider; connectionId: string }) {
  try {
    return await params.provider.listCalendars();
  } catch (error) {
    if (error instanceof AuthRevoked) await markConnectionNeedsReauth({ connectionId: params.connectionId });
    throw error;
  }
}

async function applyListed(params: {
  connection: { id: string; userId: string };
  local: Map<string, Calendar>;
  listed: RemoteCalendar[];
  outcome: CalendarListRefresh;
}): Promise<void> {
  for (const remote of params.listed) {
    const columns = remoteCalendarColumns(remote);
    const row = params.local.get(remote.remoteId);
    if (!row) {
      const created = await db().calendar.upsert({
        where: { connectionId_remoteId: { connectionId: params.connection.id, remoteId: remote.remoteId } },
        create: {
          userId: params.connection.userId,
          connectionId: params.connection.id,
          remoteId: remote.remoteId,
          ...columns,
        },
        update: columns,
      });
      params.outcome.added.push(created.id);
      await sendEvent({ name: "concord/calendar.pull", data: { calendarId: created.id, reason: "new-calendar" } });
      continue;
    }
    if (row.remoteDeletedAt) {
      // It came back (restored from the server's trash): start over from a full listing and let
      // the changes that were held back try again.
      await db().$transaction([
        db().calendar.update({
          where: { id: row.id },
          data: { ...columns, remoteDeletedAt: null, syncState: "OK", syncError: null, syncToken: null, ctag: null },
        }),
        db().pendingChange.updateMany({
          where: { calendarId: row.id, status: "FAILED" },
          data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date() },
        }),
      ]);
      params.outcome.changed.push(row.id);
      await sendEvent({ name: "concord/calendar.pull", data: { calendarId: row.id, reason: "calendar-back" } });
      continue;
    }
    if (differs(row, columns)) {
      await db().calendar.update({ where: { id: row.id }, data: columns });
      params.outcome.changed.push(row.id);
    }
  }
}

/** `provider` replaces the connection's adapter (tests). */
export async function refreshCalendarList(params: {
  connectionId: string;
  now?: Date;
  provider?: CalendarProvider;
}): Promise<CalendarListRefresh> {
  const outcome: CalendarListRefresh = {
    added: [],
    changed: [],
    removed: [],
    keptForUnsentChanges: [],
    stillAnswering: [],
  };
  const connection = await db().connection.findUnique({
    where: { id: params.connectionId },
    include: { calendars: true },
  });
  if (!connection || connection.status === "NEEDS_REAUTH") return outcome;
  const provider = params.provider ?? (await providerForConnection({ connection }));
  const listed = await listRemoteCalendars({ provider, connectionId: connection.id });
  const local = new Map(connection.calendars.map((calendar) => [calendar.remoteId, calendar]));
  await applyListed({ connection, local, listed, outcome });

  const listedIds = new Set(listed.map((calendar) => calendar.remoteId));
  for (const calendar of connection.calendars) {
    if (listedIds.has(calendar.remoteId)) continue;
    if (!calendar.remoteDeletedAt && !(await isCalendarGone({ provider, calendar }))) {
      outcome.stillAnswering.push(calendar.id);
      continue;
    }
    const gone = await removeGoneCalendar({ calendarId: calendar.id, now: params.now ?? new Date() });
    (gone === "removed" ? outcome.removed : outcome.keptForUnsentChanges).push(calendar.id);
  }
  if (outcome.added.length || outcome.removed.length || outcome.changed.length || outcome.keptForUnsentChanges.length) {
    console.log(
      `[calendar-list] connection ${connection.id}: ${outcome.added.length} added, ${outcome.changed.length} changed, ` +
        `${outcome.removed.length} removed, ${outcome.keptForUnsentChanges.length} kept for unsent changes`,
    );
  }
  return outcome;
}
