import { secretContext } from "./secret-box.ts";

/**
 * The envelope of a push channel's secret token is bound to its `channelId` (unique, ours)
 * rather than the row id: the row is written with its token in one insert, before Google's
 * first message can arrive (lib/google-connection/start-watch-channel.ts).
 */
export function watchChannelTokenContext(channelId: string): string {
  return secretContext({ table: "WatchChannel", column: "token", rowKey: channelId });
}
