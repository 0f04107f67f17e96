/**
 * Opens push channels for every enabled calendar of a Google connection that has no live one
 * (after connecting or reconnecting). A calendar whose watch fails keeps syncing through the
 * periodic reconcile pull, so failures are counted, not thrown.
 */
import { db } from "../db/client.ts";
import type { CalendarProvider } from "../providers/types.ts";
import { startWatchChannel } from "./start-watch-channel.ts";

export async function startConnectionChannels(params: {
  connectionId: string;
  provider?: CalendarProvider;
  now?: Date;
}): Promise<{ started: number; failed: number; skipped: boolean }> {
  const now = params.now ?? new Date();
  const calendars = await db().calendar.findMany({
    where: {
      connectionId: params.connectionId,
      enabled: true,
      connection: { provider: "GOOGLE" },
      watchChannels: { none: { stoppedAt: null, expiresAt: { gt: now } } },
    },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  let started = 0;
  let failed = 0;
  for (const calendar of calendars) {
    try {
      const channel = await startWatchChannel({ calendarId: calendar.id, provider: params.provider, now });
      if (!channel) return { started, failed, skipped: true };
      started += 1;
    } catch (error) {
      failed += 1;
      console.warn(`Google push channel for calendar ${calendar.id} not started: ${(error as Error).name}`);
    }
  }
  return { started, failed, skipped: false };
}
