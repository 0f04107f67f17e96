import { dbKind } from "../../db/config.ts";
import { functions } from "../functions/index.ts";
import { setEmbeddedInbox } from "../../queue/embedded-inbox.ts";
import { connectionOfEvent } from "./connection-of-event.ts";
import { createEmbeddedRunner, type EmbeddedRunner, type EmbeddedRunnerOptions } from "./embedded-runner.ts";
import { rebuildQueueFromDatabase } from "./rebuild-queue-from-database.ts";
import { takeForwardedEvents } from "./take-forwarded-events.ts";

// One runner per process, on globalThis for the same reason as the inbox (embedded-inbox.ts).
const holder = globalThis as typeof globalThis & {
  __concordEmbeddedRunner?: EmbeddedRunner;
  __concordForwardedPoll?: NodeJS.Timeout;
};

export type EmbeddedRunnerStartOptions = Partial<EmbeddedRunnerOptions> & {
  /** How often to take events other processes forwarded (PostgreSQL only). Default 1 s. */
  forwardedPollMs?: number;
};

/** Takes what other app processes on this PostgreSQL queued (start-process-jobs.ts) into `runner`. */
function pollForwardedEvents(runner: EmbeddedRunner, everyMs: number, logger: Pick<Console, "warn">): void {
  let isBusy = false;
  holder.__concordForwardedPoll = setInterval(() => {
    if (isBusy) return;
    isBusy = true;
    takeForwardedEvents({ limit: 200 })
      .then((events) => events.forEach((event) => runner.enqueue(event)))
      .catch((error: unknown) => logger.warn("[jobs] could not read forwarded events:", (error as Error).message))
      .finally(() => {
        isBusy = false;
      });
  }, everyMs);
  holder.__concordForwardedPoll.unref();
}

/**
 * Starts the process's embedded runner (once; later calls are no-ops) with every Concord
 * function, rebuilding its queue from the database, and routes `sendEvent` to it. Options
 * exist for tests.
 */
export async function startEmbeddedRunner(options: EmbeddedRunnerStartOptions = {}): Promise<void> {
  if (holder.__concordEmbeddedRunner) return;
  const runner = createEmbeddedRunner({
    functions,
    loadBacklog: () => rebuildQueueFromDatabase({ now: new Date() }),
    connectionOf: connectionOfEvent,
    ...options,
  });
  holder.__concordEmbeddedRunner = runner;
  const waiting = setEmbeddedInbox(runner);
  await runner.start();
  for (const event of waiting) runner.enqueue(event);
  if (dbKind() === "postgres") pollForwardedEvents(runner, options.forwardedPollMs ?? 1000, options.logger ?? console);
  (options.logger ?? console).info(
    `[jobs] embedded runner started with ${(options.functions ?? functions).length} functions`,
  );
}

/** Stops the runner: running steps finish, everything else stays in the database for the next start. */
export async function stopEmbeddedRunner(): Promise<void> {
  const runner = holder.__concordEmbeddedRunner;
  if (!runner) return;
  holder.__concordEmbeddedRunner = undefined;
  clearInterval(holder.__concordForwardedPoll);
  setEmbeddedInbox(undefined);
  await runner.stop();
}

/** Resolves once the runner has nothing queued, running or waiting (tests use this). */
export async function drainEmbeddedRunner(): Promise<void> {
  await holder.__concordEmbeddedRunner?.drain();
}
