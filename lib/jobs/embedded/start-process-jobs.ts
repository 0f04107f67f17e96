/**
 * How an app process takes part in background work when Inngest is not configured. On the
 * embedded PGlite there is one process (lib/db/claim-data-folder.ts), and it runs the jobs. On
 * PostgreSQL several processes may serve requests, but exactly one runs the embedded runner: the
 * one holding a PostgreSQL advisory lock. The others forward the work they queue through the
 * database and try for the lock now and then, so when the runner's process dies (its
 * connection drops and PostgreSQL frees the lock) another one takes over.
 */
import { dbKind } from "../../db/config.ts";
import { tryAdvisoryLock, type HeldAdvisoryLock } from "../../db/try-advisory-lock.ts";
import { setEmbeddedForwarder } from "../../queue/embedded-inbox.ts";
import { forwardJobEvent } from "../../queue/forward-job-event.ts";
import { startEmbeddedRunner, stopEmbeddedRunner, type EmbeddedRunnerStartOptions } from "./start-embedded-runner.ts";

/** Any fixed number shared by every Concord process; "concord-jobs" read as ASCII, cut to int4. */
export const RUNNER_LOCK_KEY = 0x636f6e63;

export interface ProcessJobs {
  /** Whether this process runs the embedded runner right now. */
  isRunner(): boolean;
  stop(): Promise<void>;
}

export async function startProcessJobs(
  params: { retryMs?: number; runner?: EmbeddedRunnerStartOptions; log?: (line: string) => void } = {},
): Promise<ProcessJobs> {
  const log = params.log ?? ((line: string) => console.info(line));
  if (dbKind() === "pglite") {
    await startEmbeddedRunner(params.runner);
    return { isRunner: () => true, stop: stopEmbeddedRunner };
  }
  const retryMs = params.retryMs ?? 15_000;
  let lock: HeldAdvisoryLock | null = null;
  let isStopped = false;
  let timer: NodeJS.Timeout | undefined;
  let saidServeOnly = false;

  const attempt = async (): Promise<void> => {
    if (isStopped || lock) return;
    try {
      lock = await tryAdvisoryLock({ databaseUrl: process.env.DATABASE_URL as string, key: RUNNER_LOCK_KEY });
    } catch (error) {
      log(`[jobs] could not ask PostgreSQL for the job-runner lock: ${(error as Error).message}`);
    }
    if (lock) {
      lock.onLost(() => {
        lock = null;
        log("[jobs] lost the job-runner lock (database connection dropped); serving requests only until it is back");
        void stopEmbeddedRunner().then(() => setEmbeddedForwarder(forwardJobEvent));
      });
      await setEmbeddedForwarder(undefined);
      await startEmbeddedRunner(params.runner);
      log("[jobs] this process runs the background jobs for this database");
      saidServeOnly = false;
      return;
    }
    if (!saidServeOnly) {
      log("[jobs] another process runs the background jobs for this database; this one serves requests only");
      saidServeOnly = true;
    }
    await setEmbeddedForwarder(forwardJobEvent);
  };

  await attempt();
  const schedule = () => {
    timer = setTimeout(() => {
      void attempt().finally(() => {
        if (!isStopped) schedule();
      });
    }, retryMs);
    timer.unref();
  };
  schedule();

  return {
    isRunner: () => lock !== null,
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      await stopEmbeddedRunner();
      await setEmbeddedForwarder(undefined);
      const held = lock as HeldAdvisoryLock | null;
      lock = null;
      await held?.release();
    },
  };
}
