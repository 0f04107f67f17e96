import { inngest } from "../../queue/client.ts";
import { googleNotification } from "../../queue/events.ts";

/**
 * A Google push notification says "something changed" and nothing more, so it becomes a
 * pull of the calendar; the pull's debounce folds a burst of notifications into one. The
 * `sync` message only confirms a new channel (Google Calendar API, "Receiving notifications")
 * and asks for no pull.
 */
export const handleGoogleNotificationFunction = inngest.createFunction(
  { id: "handle-google-notification", triggers: [googleNotification], retries: 2 },
  async ({ event, step }) => {
    if (event.data.resourceState === "sync") return { queued: false };
    await step.sendEvent("queue-pull", {
      name: "concord/calendar.pull",
      data: { calendarId: event.data.calendarId, reason: "google-notification" },
    });
    return { queued: true };
  },
);
