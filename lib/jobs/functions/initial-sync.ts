import { db } from "../../db/client.ts";
import { inngest } from "../../queue/client.ts";
import { connectionInitialSync } from "../../queue/events.ts";
import { syncOperations } from "../sync-operations.ts";
import { withJobErrors } from "../to-job-error.ts";

/**
 * First sync of a newly connected account: lists its calendars and pulls each of them.
 * One run per connection at a time (a double submit of the connect form must not list the
 * calendars twice concurrently).
 */
export const initialSyncFunction = inngest.createFunction(
  {
    id: "initial-sync",
    triggers: [connectionInitialSync],
    concurrency: { key: "event.data.connectionId", limit: 1 },
    retries: 4,
  },
  async ({ event, step }) => {
    const connectionId = event.data.connectionId;
    const isUsable = await step.run("find-connection", async () => {
      const connection = await db().connection.findUnique({ where: { id: connectionId }, select: { status: true } });
      return Boolean(connection && connection.status !== "NEEDS_REAUTH");
    });
    if (!isUsable) return { skipped: true };
    const result = await step.run("sync-connection", () =>
      withJobErrors({ connectionId, work: () => syncOperations().syncConnection({ connectionId }) }),
    );
    return { skipped: false, result };
  },
);
