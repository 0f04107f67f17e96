/**
 * Renews Google push channels before they expire (Google never renews them: push guide
 * "Renewing notification channels"). A channel expiring within 24 hours gets a new channel,
 * saved first, and only then is the old one stopped, so there is no gap; the overlap means a
 * change may be notified twice, which the debounced pull absorbs. Channels of disabled
 * calendars are stopped without a successor; expired ones are just marked stopped. Connections
 * waiting for reconnection are left alone until they are active again.
 */
import { db } from "../db/client.ts";
import { canWatch, type CalendarProvider } from "../providers/types.ts";
import { providerForConnection } from "../connections/provider-for-connection.ts";
import { startWatchChannel } from "./start-watch-channel.ts";
import { stopWatchChannel } from "./stop-watch-channel.ts";

export const RENEW_WINDOW_MS = 24 * 3_600_000;

export interface RenewWatchChannelsResult {
  renewed: number;
  stopped: number;
  failed: number;
}

export async function renewWatchChannels(params: {
  now: Date;
  /** Replaces the adapters (tests): called with the connection id. */
  providerFor?: (connectionId: string) => Promise<CalendarProvider>;
}): Promise<RenewWatchChannelsResult> {
  const { now } = params;
  const due = await db().watchChannel.findMany({
    where: {
      stoppedAt: null,
      expiresAt: { lt: new Date(now.getTime() + RENEW_WINDOW_MS) },
      calendar: { connection: { provider: "GOOGLE", status: "ACTIVE" } },
    },
    include: { calendar: { select: { id: true, enabled: true, connection: true } } },
    orderBy: { expiresAt: "asc" },
  });
  const result: RenewWatchChannelsResult = { renewed: 0, stopped: 0, failed: 0 };
  const providers = new Map<string, Promise<CalendarProvider>>();
  const providerFor = (connectionId: string) => {
    let provider = providers.get(connectionId);
    if (!provider) {
      const connection = due.find((c) => c.calendar.connection.id === connectionId)?.calendar.connection;
      provider = params.providerFor
        ? params.providerFor(connectionId)
        : providerForConnection({ connection: connection as NonNullable<typeof connection> });
      providers.set(connectionId, provider);
    }
    return provider;
  };

  for (const channel of due) {
    try {
      const provider = await providerFor(channel.calendar.connection.id);
      if (!canWatch(provider)) continue;
      try {
        if (channel.calendar.enabled) await startSuccessor({ channel, provider, now, result });
      } catch (error) {
        // An expired channel is gone at Google whatever happens here; retire its row so it is not
        // retried every hour (the calendar keeps syncing through the reconcile pull).
        if (channel.expiresAt.getTime() > now.getTime()) throw error;
        result.failed += 1;
        console.warn(`Google push channel for calendar ${channel.calendar.id} not renewed: ${(error as Error).name}`);
      }
      await stopWatchChannel({ channel, provider, now });
      result.stopped += 1;
    } catch (error) {
      result.failed += 1;
      console.warn(`Google push channel ${channel.id} not renewed: ${(error as Error).name}`);
    }
  }
  return result;
}

/** Opens the replacement channel unless one already exists (an earlier run stopped midway). */
async function startSuccessor(params: {
  channel: { id: string; calendar: { id: string } };
  provider: CalendarProvider;
  now: Date;
  result: RenewWatchChannelsResult;
}): Promise<void> {
  const { channel, now } = params;
  const successor = await db().watchChannel.findFirst({
    where: {
      calendarId: channel.calendar.id,
      stoppedAt: null,
      id: { not: channel.id },
      expiresAt: { gte: new Date(now.getTime() + RENEW_WINDOW_MS) },
    },
  });
  if (successor) return;
  const started = await startWatchChannel({ calendarId: channel.calendar.id, provider: params.provider, now });
  if (started) params.result.renewed += 1;
}
