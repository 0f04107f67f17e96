import type { GetStepTools } from "inngest";
import type { ProviderKind } from "../db/generated/client.ts";
import type { inngest } from "../queue/client.ts";
import { listConnectionsToRefresh } from "./list-connections-to-refresh.ts";

/**
 * Queues a calendar-list refresh (`concord/connection.refresh-calendars`) of every ACTIVE
 * connection of `providers`.
 */
export async function queueCalendarListRefreshes(params: {
  step: GetStepTools<typeof inngest>;
  providers: ProviderKind[];
}): Promise<number> {
  const connectionIds = await params.step.run("list-connections", () =>
    listConnectionsToRefresh({ providers: params.providers }),
  );
  if (connectionIds.length === 0) return 0;
  await params.step.sendEvent(
    "queue-calendar-list-refreshes",
    connectionIds.map((connectionId) => ({
      name: "concord/connection.refresh-calendars" as const,
      data: { connectionId },
    })),
  );
  return connectionIds.length;
}
