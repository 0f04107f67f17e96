import { inngest } from "../../queue/client.ts";
import { pollIntervalMinutes } from "../poll-interval.ts";
import { queueCalendarListRefreshes } from "../queue-calendar-list-refreshes.ts";

/**
 * Every poll interval (CONCORD_POLL_INTERVAL_MINUTES), queue a calendar-list refresh of every
 * ACTIVE connection, so a calendar created, renamed, recoloured or deleted on the server shows
 * within one round without a reconnect. One listing request per account per round.
 */
export const refreshCalendarListsFunction = inngest.createFunction(
  {
    id: "refresh-calendar-lists",
    triggers: [{ cron: `*/${pollIntervalMinutes()} * * * *` }],
    concurrency: 1,
    retries: 1,
  },
  async ({ step }) => ({
    queued: await queueCalendarListRefreshes({ step, providers: ["CALDAV", "ICLOUD", "GOOGLE"] }),
  }),
);
