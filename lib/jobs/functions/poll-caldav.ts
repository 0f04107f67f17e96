import { inngest } from "../../queue/client.ts";
import { fanOutPulls } from "../fan-out-pulls.ts";
import { listCalendarsToPoll } from "../list-calendars-to-poll.ts";
import { pollIntervalMinutes } from "../poll-interval.ts";

// Seconds between two pulls of one account's calendars (iCloud throttles bursts with 503).
const accountSpacingMs = 3_000;

/**
 * CalDAV and iCloud have no push: every few minutes (CONCORD_POLL_INTERVAL_MINUTES) queue a
 * pull of each enabled calendar of each ACTIVE CalDAV/iCloud connection. A random start delay
 * keeps many Concord installations (and many accounts on one server) from polling in
 * lockstep; the pull's own debounce and concurrency absorb overlaps with other triggers.
 */
export const pollCaldavFunction = inngest.createFunction(
  {
    id: "poll-caldav",
    triggers: [{ cron: `*/${pollIntervalMinutes()} * * * *` }],
    concurrency: 1,
    retries: 1,
  },
  async ({ step }) => {
    const jitterMs = await step.run("pick-jitter", () =>
      Math.floor(Math.random() * Math.min(30_000, pollIntervalMinutes() * 15_000)),
    );
    await step.sleep("jitter", Math.max(1, jitterMs));
    const calendars = await step.run("list-calendars", () => listCalendarsToPoll({ providers: ["CALDAV", "ICLOUD"] }));
    return fanOutPulls({ step, calendars, spacingMs: accountSpacingMs, reason: "poll" });
  },
);
