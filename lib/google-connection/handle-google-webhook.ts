/**
 * A Google push notification (POST /api/webhooks/google; Calendar API push guide). It has no
 * body and says only "something changed", so the handler verifies the channel and queues work,
 * never syncs inside the request: Google counts slow or non-2xx answers as failures and drops
 * channels whose callbacks keep failing.
 *
 * - Unknown, stopped or expired channel: 404; wrong token or resource id: 401. Nothing is queued.
 * - `sync` (the first message of a new channel, possibly before `watch` returned): 200, nothing.
 * - `exists`: 200 and one `concord/google.notification`; the pull it becomes is debounced per
 *   calendar, so a burst of notifications ends in one pull.
 * - `not_exists` or anything else (the watched calendar went away or access changed): 200 and
 *   a connection check (the initial sync lists every calendar again; a refused grant marks the
 *   connection NEEDS_REAUTH, a vanished calendar ends in an error on its row).
 */
import { decryptSecret } from "../crypto/secret-box.ts";
import { loadKeyring } from "../crypto/keyring.ts";
import { watchChannelTokenContext } from "../crypto/watch-channel-token-context.ts";
import { db } from "../db/client.ts";
import { sendEvent } from "../queue/send-event.ts";
import { safeEqual } from "./oauth-state.ts";

export type GoogleWebhookOutcome =
  "ignored_sync" | "queued_pull" | "queued_check" | "inactive" | "unknown_channel" | "bad_token";

export interface GoogleWebhookResult {
  status: number;
  outcome: GoogleWebhookOutcome;
}

export async function handleGoogleWebhook(params: { headers: Headers; now?: Date }): Promise<GoogleWebhookResult> {
  const { headers } = params;
  const now = params.now ?? new Date();
  const channelId = headers.get("x-goog-channel-id");
  if (!channelId || channelId.length > 64) return { status: 404, outcome: "unknown_channel" };
  const channel = await db().watchChannel.findUnique({
    where: { channelId },
    include: {
      calendar: { select: { id: true, enabled: true, connectionId: true, connection: { select: { status: true } } } },
    },
  });
  if (!channel) return { status: 404, outcome: "unknown_channel" };

  let stored: string;
  try {
    stored = decryptSecret(channel.token, loadKeyring(), watchChannelTokenContext(channel.channelId));
  } catch {
    return { status: 401, outcome: "bad_token" };
  }
  if (!safeEqual(headers.get("x-goog-channel-token") ?? "", stored)) return { status: 401, outcome: "bad_token" };
  // A pending row (watch not returned yet) has no resource id to compare.
  const resourceId = headers.get("x-goog-resource-id") ?? "";
  if (channel.resourceId !== null && !safeEqual(resourceId, channel.resourceId)) {
    return { status: 401, outcome: "bad_token" };
  }
  // Deliveries can continue after channels.stop (google-api-nodejs-client#1402): refuse them.
  if (channel.stoppedAt || channel.expiresAt.getTime() <= now.getTime()) {
    return { status: 404, outcome: "unknown_channel" };
  }

  const state = headers.get("x-goog-resource-state") ?? "";
  if (state === "sync") return { status: 200, outcome: "ignored_sync" };
  const { calendar } = channel;
  if (!calendar.enabled || calendar.connection.status !== "ACTIVE") return { status: 200, outcome: "inactive" };
  if (state === "exists") {
    await sendEvent({
      name: "concord/google.notification",
      data: { calendarId: calendar.id, channelId, resourceState: state },
    });
    return { status: 200, outcome: "queued_pull" };
  }
  await sendEvent({ name: "concord/connection.initial-sync", data: { connectionId: calendar.connectionId } });
  return { status: 200, outcome: "queued_check" };
}
