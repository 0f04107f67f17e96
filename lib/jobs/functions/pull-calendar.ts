import { inngest } from "../../queue/client.ts";
import { calendarPull } from "../../queue/events.ts";
import { findCalendarToSync } from "../find-calendar-to-sync.ts";
import { syncOperations } from "../sync-operations.ts";
import { withJobErrors } from "../to-job-error.ts";

/**
 * Pulls one calendar's remote changes. One run at a time per calendar (two pulls of one
 * calendar would race on its cursor), and a burst of requests for the same calendar — Google
 * sends several notifications for one edit — is debounced into one pull of the last request.
 */
export const pullCalendarFunction = inngest.createFunction(
  {
    id: "pull-calendar",
    triggers: [calendarPull],
    concurrency: { key: "event.data.calendarId", limit: 1 },
    debounce: { key: "event.data.calendarId", period: "5s", timeout: "1m" },
    retries: 4,
  },
  async ({ event, step }) => {
    const calendar = await step.run("find-calendar", () => findCalendarToSync({ calendarId: event.data.calendarId }));
    if (!calendar) return { skipped: true };
    const result = await step.run("pull-calendar", () =>
      withJobErrors({
        connectionId: calendar.connectionId,
        work: () => syncOperations().pullCalendar({ calendarId: calendar.calendarId }),
      }),
    );
    return { skipped: false, result };
  },
);
