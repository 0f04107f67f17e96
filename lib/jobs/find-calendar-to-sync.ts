import { db } from "../db/client.ts";
import type { ProviderKind } from "../db/generated/client.ts";

export interface CalendarToSync {
  calendarId: string;
  connectionId: string;
  provider: ProviderKind;
}

/**
 * The calendar when background work may touch it now: it exists, is enabled, and its
 * connection does not wait for the person to reconnect (NEEDS_REAUTH stops every job of the
 * connection, docs/design.md "OAuth"). Null otherwise; the job then ends quietly.
 */
export async function findCalendarToSync(params: { calendarId: string }): Promise<CalendarToSync | null> {
  const calendar = await db().calendar.findUnique({
    where: { id: params.calendarId },
    select: { id: true, enabled: true, connectionId: true, connection: { select: { status: true, provider: true } } },
  });
  if (!calendar || !calendar.enabled || calendar.connection.status === "NEEDS_REAUTH") return null;
  return { calendarId: calendar.id, connectionId: calendar.connectionId, provider: calendar.connection.provider };
}
