/**
 * Stops one Google push channel (`channels.stop`, ignoring 404: it already expired or was
 * stopped) and marks its row stopped, so later deliveries answer 404.
 */
import { db } from "../db/client.ts";
import type { WatchChannel } from "../db/generated/client.ts";
import type { WatchCapable } from "../providers/types.ts";

export async function stopWatchChannel(params: {
  channel: Pick<WatchChannel, "id" | "channelId" | "resourceId" | "expiresAt">;
  provider: WatchCapable;
  now?: Date;
}): Promise<void> {
  const { channel } = params;
  const now = params.now ?? new Date();
  // An expired channel is already gone at Google; only a live one needs the call.
  if (channel.resourceId && channel.expiresAt.getTime() > now.getTime()) {
    await params.provider.unwatch({ channelId: channel.channelId, resourceId: channel.resourceId });
  }
  await db().watchChannel.update({ where: { id: channel.id }, data: { stoppedAt: now } });
}
