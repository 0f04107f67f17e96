import { inngest } from "../../queue/client.ts";
import { fanOutPulls } from "../fan-out-pulls.ts";
import { listCalendarsToPoll } from "../list-calendars-to-poll.ts";

/**
 * Google says push notifications are not guaranteed to arrive (Calendar API, "Push
 * notifications"), so every Google calendar is also pulled on a slow schedule. With a sync
 * token a pull with nothing new costs one request.
 */
export const reconcileGoogleFunction = inngest.createFunction(
  { id: "reconcile-google", triggers: [{ cron: "*/30 * * * *" }], concurrency: 1, retries: 1 },
  async ({ step }) => {
    const calendars = await step.run("list-calendars", () => listCalendarsToPoll({ providers: ["GOOGLE"] }));
    return fanOutPulls({ step, calendars, spacingMs: 1_000, reason: "reconcile" });
  },
);
