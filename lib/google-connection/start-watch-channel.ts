/**
 * Opens a Google push channel for one calendar (Calendar API push guide): a random channel id
 * and a random secret token per channel, the token stored encrypted. The row is written before
 * `events.watch` is called because Google's first `sync` message may arrive before the watch
 * call returns; the webhook accepts that message for the still-pending row.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { encryptSecret } from "../crypto/secret-box.ts";
import { loadKeyring } from "../crypto/keyring.ts";
import { watchChannelTokenContext } from "../crypto/watch-channel-token-context.ts";
import { db } from "../db/client.ts";
import type { WatchChannel } from "../db/generated/client.ts";
import { AppError, notFound } from "../errors/app-error.ts";
import { canWatch, type CalendarProvider } from "../providers/types.ts";
import { providerForConnection } from "../connections/provider-for-connection.ts";
import { appBaseUrl, canReceiveWebhooks } from "../config/google-app-config.ts";

/** Placeholder expiry of a pending row; Google's answer replaces it (event channels last about a week). */
const PENDING_EXPIRY_MS = 7 * 86_400_000;

/**
 * Returns the stored channel, or null when this server cannot receive webhooks (APP_URL not
 * https and CONCORD_ALLOW_HTTP_WEBHOOKS unset). `provider` replaces the connection's adapter.
 */
export async function startWatchChannel(params: {
  calendarId: string;
  provider?: CalendarProvider;
  now?: Date;
}): Promise<WatchChannel | null> {
  const appUrl = appBaseUrl();
  if (!canReceiveWebhooks({ appUrl })) return null;
  const calendar = await db().calendar.findUnique({ where: { id: params.calendarId }, include: { connection: true } });
  if (!calendar) throw notFound("Calendar");
  if (calendar.connection.provider !== "GOOGLE") {
    throw new AppError("bad_request", "Only Google calendars have push channels; CalDAV calendars are polled.");
  }
  const provider = params.provider ?? (await providerForConnection({ connection: calendar.connection }));
  if (!canWatch(provider)) throw new AppError("internal", "This calendar's adapter cannot watch calendars.");

  // Google allows up to 64 characters for the id and 256 for the token.
  const channelId = randomUUID();
  const token = randomBytes(32).toString("base64url");
  const now = params.now ?? new Date();
  const pending = await db().watchChannel.create({
    data: {
      userId: calendar.userId,
      calendarId: calendar.id,
      channelId,
      token: encryptSecret(token, loadKeyring(), watchChannelTokenContext(channelId)),
      expiresAt: new Date(now.getTime() + PENDING_EXPIRY_MS),
    },
  });
  try {
    const watched = await provider.watch({
      calendar: { remoteId: calendar.remoteId, remoteUrl: calendar.remoteUrl },
      channelId,
      token,
      address: `${appUrl}/api/webhooks/google`,
    });
    return await db().watchChannel.update({
      where: { id: pending.id },
      data: { resourceId: watched.resourceId, expiresAt: watched.expiresAt },
    });
  } catch (error) {
    await db()
      .watchChannel.delete({ where: { id: pending.id } })
      .catch(() => undefined);
    throw error;
  }
}
