import { sendEvent } from "../queue/send-event.ts";

/**
 * Asks the job runner to drain a calendar's outbox after a local edit. The outbox row is
 * already committed, so a failure to queue loses nothing: the next push (scheduled sync or
 * `?wait=true`) sends it. Hence the error is logged, not raised to the person.
 */
export async function queuePush(params: { calendarIds: string[] }): Promise<void> {
  for (const calendarId of new Set(params.calendarIds)) {
    try {
      await sendEvent({ name: "concord/outbox.push", data: { calendarId } });
    } catch (error) {
      console.error(`[outbox] could not queue the push of calendar ${calendarId}: ${(error as Error).name}`);
    }
  }
}
