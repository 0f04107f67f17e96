import { db } from "../db/client.ts";
import type { ProviderKind } from "../db/generated/client.ts";

export interface CalendarToPoll {
  calendarId: string;
  connectionId: string;
}

/**
 * Enabled calendars of ACTIVE connections of the given providers, grouped by connection in a
 * stable order (so pacing spreads one account's calendars the same way every time).
 */
export async function listCalendarsToPoll(params: { providers: ProviderKind[] }): Promise<CalendarToPoll[]> {
  const rows = await db().calendar.findMany({
    where: {
      enabled: true,
      remoteDeletedAt: null,
      connection: { status: "ACTIVE", provider: { in: params.providers } },
    },
    select: { id: true, connectionId: true },
    orderBy: [{ connectionId: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => ({ calendarId: row.id, connectionId: row.connectionId }));
}
