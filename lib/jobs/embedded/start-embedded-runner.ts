import { functions } from "../functions/index.ts";
import { connectionOfEvent } from "./connection-of-event.ts";
import { setEmbeddedInbox } from "./embedded-inbox.ts";
import { createEmbeddedRunner, type EmbeddedRunner, type EmbeddedRunnerOptions } from "./embedded-runner.ts";
import { rebuildQueueFromDatabase } from "./rebuild-queue-from-database.ts";

// One runner per process, on globalThis for the same reason as the inbox (embedded-inbox.ts).
const holder = globalThis as typeof globalThis & { __concordEmbeddedRunner?: EmbeddedRunner };

/**
 * Starts the process's embedded runner (once; later calls are no-ops) with every Concord
 * function, rebuilding its queue from the database, and routes `sendEvent` to it. Options
 * exist for tests.
 */
export async function startEmbeddedRunner(options: Partial<EmbeddedRunnerOptions> = {}): Promise<void> {
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
  (options.logger ?? console).info(
    `[jobs] embedded runner started with ${(options.functions ?? functions).length} functions`,
  );
}

/** Stops the runner: running steps finish, everything else stays in the database for the next start. */
export async function stopEmbeddedRunner(): Promise<void> {
  const runner = holder.__concordEmbeddedRunner;
  if (!runner) return;
  holder.__concordEmbeddedRunner = undefined;
  setEmbeddedInbox(undefined);
  await runner.stop();
}

/** Resolves once the runner has nothing queued, running or waiting (tests use this). */
export async function drainEmbeddedRunner(): Promise<void> {
  await holder.__concordEmbeddedRunner?.drain();
}
