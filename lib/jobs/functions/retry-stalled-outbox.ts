import { inngest } from "../../queue/client.ts";
import { listDueOutboxCalendars } from "../list-due-outbox-calendars.ts";

/**
 * Every minute, queue a push for each calendar whose outbox has entries past their next
 * attempt time: the database, not the queue, is what guarantees an edit is eventually sent.
 */
export const retryStalledOutboxFunction = inngest.createFunction(
  { id: "retry-stalled-outbox", triggers: [{ cron: "* * * * *" }], concurrency: 1, retries: 1 },
  async ({ step }) => {
    const calendarIds = await step.run("find-due-outbox", () => listDueOutboxCalendars({ now: new Date() }));
    if (calendarIds.length === 0) return { queued: 0 };
    await step.sendEvent(
      "queue-pushes",
      calendarIds.map((calendarId) => ({ name: "concord/outbox.push" as const, data: { calendarId } })),
    );
    return { queued: calendarIds.length };
  },
);
