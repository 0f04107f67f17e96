import { compactTombstones } from "../../client-sync/compact-tombstones.ts";
import { inngest } from "../../queue/client.ts";

/**
 * Daily: deletion records older than the client sync token lifetime (plus a day) are removed
 * and each user's horizon raised, so storage stays bounded while every valid token still sees
 * every deletion (docs/client-sync.md).
 */
export const compactClientSyncFunction = inngest.createFunction(
  { id: "compact-client-sync", triggers: [{ cron: "43 3 * * *" }], concurrency: 1, retries: 2 },
  async ({ step }) => {
    const result = await step.run("compact-tombstones", () => compactTombstones());
    return { result };
  },
);
