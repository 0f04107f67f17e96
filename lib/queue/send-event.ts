import { inngest } from "./client.ts";
import { enqueueEmbeddedEvent } from "./embedded-inbox.ts";
import { parseConcordEvent, type ConcordEvent } from "./events.ts";
import { jobsRunnerKind } from "./runner-kind.ts";

/**
 * Queues background work. The data is validated against `lib/jobs/events.ts` first (a
 * ZodError here is a programming error), then goes to Inngest when it is configured, else to
 * the embedded in-process runner. This is the only place that knows which runner is active.
 */
export async function sendEvent(event: ConcordEvent): Promise<void> {
  const parsed = parseConcordEvent(event);
  if (jobsRunnerKind() === "inngest") {
    await inngest.send(parsed);
    return;
  }
  await enqueueEmbeddedEvent(parsed);
}
