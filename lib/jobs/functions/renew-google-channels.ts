import { inngest } from "../../queue/client.ts";
import { syncOperations } from "../sync-operations.ts";

/**
 * Google push channels expire (a week at most); hourly, channels expiring within 24 hours are
 * replaced — the new channel saved before the old one is stopped, so no notification window
 * is lost (docs/design.md "Google push").
 */
export const renewGoogleChannelsFunction = inngest.createFunction(
  { id: "renew-google-channels", triggers: [{ cron: "17 * * * *" }], concurrency: 1, retries: 2 },
  async ({ step }) => {
    const result = await step.run("renew-watch-channels", () =>
      syncOperations().renewWatchChannels({ now: new Date() }),
    );
    return { result };
  },
);
