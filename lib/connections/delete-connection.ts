/**
 * DELETE /api/v1/connections/{id}: removes the connection with its calendars, events, outbox
 * and runs locally (foreign keys cascade) and never touches remote data. Google push channels
 * are stopped first so Google stops calling; a failure there is ignored — an unknown channel's
 * notifications answer 404 once its row is gone, and the channel expires on its own.
 */
import { db } from "../db/client.ts";
import { notFound } from "../errors/app-error.ts";
import { canWatch } from "../providers/types.ts";
import { providerForConnection } from "./provider-for-connection.ts";

export async function deleteConnection(params: { userId: string; connectionId: string }): Promise<void> {
  const connection = await db().connection.findFirst({ where: { id: params.connectionId, userId: params.userId } });
  if (!connection) throw notFound("Connection");
  const channels = await db().watchChannel.findMany({
    where: { calendar: { connectionId: connection.id }, stoppedAt: null, resourceId: { not: null } },
    select: { channelId: true, resourceId: true },
  });
  if (channels.length > 0) {
    try {
      const provider = await providerForConnection({ connection });
      if (canWatch(provider)) {
        for (const channel of channels) {
          await provider
            .unwatch({ channelId: channel.channelId, resourceId: channel.resourceId as string })
            .catch(() => undefined);
        }
      }
    } catch {
      // Credentials unreadable or revoked: the channels expire on their own.
    }
  }
  await db().connection.delete({ where: { id: connection.id } });
}
