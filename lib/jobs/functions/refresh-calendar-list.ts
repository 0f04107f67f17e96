import { inngest } from "../../queue/client.ts";
import { connectionRefreshCalendars } from "../../queue/events.ts";
import { syncOperations } from "../sync-operations.ts";
import { withJobErrors } from "../to-job-error.ts";

/**
 * Brings one connection's calendar list up to date (calendars created, renamed, recoloured or
 * deleted on the server); queued for every connection by the poll and reconcile rounds. One
 * run per connection at a time; a failed listing changes nothing and is tried again next round.
 */
export const refreshCalendarListFunction = inngest.createFunction(
  {
    id: "refresh-calendar-list",
    triggers: [connectionRefreshCalendars],
    concurrency: { key: "event.data.connectionId", limit: 1 },
    retries: 2,
  },
  async ({ event, step }) => {
    const connectionId = event.data.connectionId;
    return step.run("refresh-calendar-list", () =>
      withJobErrors({ connectionId, work: () => syncOperations().refreshCalendarList({ connectionId }) }),
    );
  },
);
