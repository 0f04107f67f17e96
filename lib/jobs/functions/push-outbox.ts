import { inngest } from "../../queue/client.ts";
import { outboxPush } from "../../queue/events.ts";
import { findCalendarToSync } from "../find-calendar-to-sync.ts";
import { syncOperations } from "../sync-operations.ts";
import { withJobErrors } from "../to-job-error.ts";

// A push that the remote throttled part-way returns `retryAfterMs`; the run then sleeps and
// drains again, a few rounds at most. Entries still pending after that wait for
// `retry-stalled-outbox`, which finds them by their `nextAttemptAt`.
const maxRounds = 3;

/**
 * Drains one calendar's outbox to the remote, in order. One run at a time per calendar: two
 * concurrent drains could send the same entry twice or reorder edits of one event. A thrown
 * `RateLimited` retries after the remote's Retry-After; `AuthRevoked` stops for good (the
 * entries stay pending until the person reconnects).
 */
export const pushOutboxFunction = inngest.createFunction(
  {
    id: "push-outbox",
    triggers: [outboxPush],
    concurrency: { key: "event.data.calendarId", limit: 1 },
    retries: 6,
  },
  async ({ event, step }) => {
    const calendar = await step.run("find-calendar", () => findCalendarToSync({ calendarId: event.data.calendarId }));
    if (!calendar) return { skipped: true, pushed: 0, conflicts: 0, failed: 0 };
    const totals = { skipped: false, pushed: 0, conflicts: 0, failed: 0 };
    for (let round = 0; round < maxRounds; round += 1) {
      const result = await step.run(`push-calendar-${round}`, () =>
        withJobErrors({
          connectionId: calendar.connectionId,
          work: () => syncOperations().pushCalendar({ calendarId: calendar.calendarId }),
        }),
      );
      totals.pushed += result.pushed;
      totals.conflicts += result.conflicts;
      totals.failed += result.failed;
      if (!result.retryAfterMs || round === maxRounds - 1) break;
      await step.sleep(`wait-for-rate-limit-${round}`, Math.max(1000, result.retryAfterMs));
    }
    return totals;
  },
);
