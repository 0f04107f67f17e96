import { randomUUID } from "node:crypto";
import { NonRetriableError, RetryAfterError, type InngestFunction } from "inngest";
import type { ConcordEvent } from "../../queue/events.ts";
import { evaluateKey } from "./evaluate-key.ts";
import { createKeyCounter } from "./key-counter.ts";
import { nextCronTime } from "./next-cron-time.ts";
import { readFunctionDefinition, type FunctionDefinition } from "./read-function-definition.ts";
import { createRunStepTools, RunnerStopped, type StepHost } from "./run-step-tools.ts";

export interface EmbeddedRunnerOptions {
  functions: InngestFunction.Any[];
  /** Work to queue on start, read from the durable state (see rebuildQueueFromDatabase). */
  loadBacklog?: () => Promise<ConcordEvent[]>;
  /** Runs executing at once across all functions (sleeping runs do not count). Default 4. */
  maxParallelRuns?: number;
  /**
   * The connection (remote account) an event's run works for, if any. Runs of one connection
   * take at most `maxRunsPerConnection` of the slots, across all functions, so one hung or
   * slow account cannot fill them and stall every other person's sync.
   */
  connectionOf?: (event: { name: string; data: Record<string, unknown> }) => Promise<string | undefined>;
  /** Default 1, as Inngest's `concurrency: { key: "event.data.connectionId", limit: 1 }`. */
  maxRunsPerConnection?: number;
  /** Delay before retry number `attempt` (1-based) of a failed run. Default 2 s x 2^(attempt-1), at most 10 min. */
  retryDelayMs?: (attempt: number) => number;
  logger?: Pick<Console, "info" | "warn" | "error">;
}

export interface EmbeddedRunner {
  start(): Promise<void>;
  /** Stops timers and the queue and waits for running steps to finish; the database keeps the rest. */
  stop(): Promise<void>;
  /** Resolves once nothing is queued, running, debounced, sleeping or waiting to retry. */
  drain(): Promise<void>;
  enqueue(event: ConcordEvent): void;
}

interface ReceivedEvent {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
}

interface Run {
  fn: FunctionDefinition;
  event: ReceivedEvent;
  runId: string;
  attempt: number;
  memo: Map<string, unknown>;
  slotKey: string;
  /** The run's connection (connectionOf), or undefined when it has none. */
  connectionKey: string | undefined;
}

function defaultRetryDelayMs(attempt: number): number {
  return Math.min(600_000, 2_000 * 2 ** (attempt - 1)) + Math.floor(Math.random() * 500);
}

/** Milliseconds a RetryAfterError asks to wait (Inngest stores whole seconds or an ISO date). */
function retryAfterMs(error: RetryAfterError): number {
  if (/^\d+$/.test(error.retryAfter)) return Number(error.retryAfter) * 1000;
  return Math.max(0, Date.parse(error.retryAfter) - Date.now());
}

/**
 * Runs Concord's Inngest functions in this process, for installations without an Inngest
 * server (docs/design.md "Background work"). It honours what the functions declare — event and
 * cron triggers, per-key concurrency, debounce, retries with backoff, RetryAfterError and
 * NonRetriableError — and calls the same handlers with a minimal `step` (run-step-tools.ts).
 * Its queue is only a cache: on start it reloads the work the database says is outstanding.
 */
export function createEmbeddedRunner(options: EmbeddedRunnerOptions): EmbeddedRunner {
  const definitions = options.functions.map(readFunctionDefinition);
  const logger = options.logger ?? console;
  const retryDelayMs = options.retryDelayMs ?? defaultRetryDelayMs;
  const maxParallelRuns = options.maxParallelRuns ?? 4;
  const maxRunsPerConnection = options.maxRunsPerConnection ?? 1;

  let isStarted = false;
  let isStopped = false;
  const ready: Run[] = [];
  const slotCounts = createKeyCounter();
  const connectionCounts = createKeyCounter();
  let resolving = 0;
  const running = new Set<Promise<void>>();
  const debounces = new Map<string, { event: ReceivedEvent; timer: NodeJS.Timeout; firstAt: number }>();
  const timers = new Set<NodeJS.Timeout>();
  const cronTimers = new Set<NodeJS.Timeout>();
  const sleepers = new Set<() => void>();
  let executing = 0;
  const slotWaiters: (() => void)[] = [];
  let idleWaiters: (() => void)[] = [];

  function isIdle(): boolean {
    return ready.length === 0 && running.size === 0 && debounces.size === 0 && timers.size === 0 && resolving === 0;
  }

  function settleIdle(): void {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function later(ms: number, action: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
      settleIdle();
    }, ms);
    timers.add(timer);
    return timer;
  }

  async function acquireSlot(): Promise<void> {
    if (executing < maxParallelRuns) {
      executing += 1;
      return;
    }
    await new Promise<void>((resolve) => slotWaiters.push(resolve));
  }

  function releaseSlot(): void {
    const next = slotWaiters.shift();
    if (next) next();
    else executing -= 1;
  }

  function concurrencyLimit(run: Run): number {
    return run.fn.concurrency?.limit || Number.POSITIVE_INFINITY;
  }

  function pump(): void {
    for (let index = 0; index < ready.length;) {
      const run = ready[index] as Run;
      // Skipped runs keep their place; later runs of other keys and connections go first.
      if (
        slotCounts.count(run.slotKey) >= concurrencyLimit(run) ||
        connectionCounts.count(run.connectionKey) >= maxRunsPerConnection
      ) {
        index += 1;
        continue;
      }
      ready.splice(index, 1);
      slotCounts.add(run.slotKey);
      connectionCounts.add(run.connectionKey);
      const promise = execute(run).finally(() => {
        running.delete(promise);
        slotCounts.remove(run.slotKey);
        connectionCounts.remove(run.connectionKey);
        pump();
        settleIdle();
      });
      running.add(promise);
    }
  }

  function host(): StepHost {
    return {
      isStopped: () => isStopped,
      wait: (ms) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            sleepers.delete(cancel);
            resolve();
          }, ms);
          const cancel = () => {
            clearTimeout(timer);
            reject(new RunnerStopped());
          };
          sleepers.add(cancel);
        }),
      releaseSlot,
      acquireSlot,
      enqueue: (event) => runner.enqueue(event),
    };
  }

  async function execute(run: Run): Promise<void> {
    await acquireSlot();
    try {
      if (isStopped) return;
      const step = createRunStepTools({ memo: run.memo, host: host() });
      await run.fn.handler({
        event: run.event,
        events: [run.event],
        step,
        runId: run.runId,
        attempt: run.attempt,
        logger,
      });
    } catch (error) {
      if (isStopped || error instanceof RunnerStopped) return;
      scheduleRetry(run, error);
    } finally {
      releaseSlot();
    }
  }

  function scheduleRetry(run: Run, error: unknown): void {
    const isFinal = error instanceof NonRetriableError || run.attempt >= run.fn.retries;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (isFinal) {
      logger.error(`[jobs] ${run.fn.id} run ${run.runId} failed after ${run.attempt + 1} attempt(s): ${message}`);
      return;
    }
    const delay = error instanceof RetryAfterError ? retryAfterMs(error) : retryDelayMs(run.attempt + 1);
    logger.warn(`[jobs] ${run.fn.id} run ${run.runId} will retry in ${delay} ms: ${message}`);
    later(delay, () => {
      if (isStopped) return;
      ready.push({ ...run, attempt: run.attempt + 1 });
      pump();
    });
  }

  function schedule(fn: FunctionDefinition, event: ReceivedEvent): void {
    if (isStopped) return;
    const key = evaluateKey({ expression: fn.concurrency?.key, event });
    const run: Run = {
      fn,
      event,
      runId: randomUUID(),
      attempt: 0,
      memo: new Map(),
      slotKey: `${fn.id}\u0000${key}`,
      connectionKey: undefined,
    };
    if (!options.connectionOf) {
      ready.push(run);
      pump();
      return;
    }
    resolving += 1;
    options
      .connectionOf(event)
      .catch((error: unknown) => {
        // Unknown connection: the run still runs, only without the per-connection bound.
        logger.warn(`[jobs] could not tell the connection of ${event.name}: ${String(error)}`);
        return undefined;
      })
      .then((connectionKey) => {
        resolving -= 1;
        if (!isStopped) {
          ready.push({ ...run, connectionKey });
          pump();
        }
        settleIdle();
      });
  }

  function debounce(fn: FunctionDefinition, event: ReceivedEvent): void {
    const settings = fn.debounce as NonNullable<FunctionDefinition["debounce"]>;
    const key = `${fn.id}\u0000${evaluateKey({ expression: settings.key, event })}`;
    const existing = debounces.get(key);
    const firstAt = existing?.firstAt ?? Date.now();
    if (existing) {
      clearTimeout(existing.timer);
      timers.delete(existing.timer);
    }
    // Each event restarts the period; `timeout` caps how long a stream can postpone the run.
    const untilTimeout = settings.timeoutMs === undefined ? Infinity : firstAt + settings.timeoutMs - Date.now();
    const delay = Math.max(0, Math.min(settings.periodMs, untilTimeout));
    const timer = later(delay, () => {
      const entry = debounces.get(key);
      debounces.delete(key);
      if (entry) schedule(fn, entry.event);
    });
    debounces.set(key, { event, timer, firstAt });
  }

  function armCron(fn: FunctionDefinition, expression: string): void {
    if (isStopped) return;
    const at = nextCronTime({ expression, after: new Date() });
    // setTimeout holds at most 2^31-1 ms; re-arm when a far-away time is not reached yet.
    const delay = Math.min(at.getTime() - Date.now(), 2 ** 31 - 1);
    const timer = setTimeout(() => {
      cronTimers.delete(timer);
      if (Date.now() >= at.getTime() - 1) {
        schedule(fn, {
          id: randomUUID(),
          name: "inngest/scheduled.timer",
          data: { cron: expression },
          ts: Date.now(),
        });
      }
      armCron(fn, expression);
    }, delay);
    timer.unref?.();
    cronTimers.add(timer);
  }

  const runner: EmbeddedRunner = {
    enqueue(event) {
      if (isStopped) return;
      const received: ReceivedEvent = { id: randomUUID(), name: event.name, data: { ...event.data }, ts: Date.now() };
      for (const fn of definitions) {
        if (!fn.eventNames.includes(event.name)) continue;
        if (fn.debounce) debounce(fn, received);
        else schedule(fn, received);
      }
    },

    async start() {
      if (isStarted) return;
      isStarted = true;
      for (const fn of definitions) for (const expression of fn.crons) armCron(fn, expression);
      const backlog = (await options.loadBacklog?.()) ?? [];
      for (const event of backlog) runner.enqueue(event);
      settleIdle();
    },

    async stop() {
      isStopped = true;
      for (const timer of [...timers, ...cronTimers]) clearTimeout(timer);
      timers.clear();
      cronTimers.clear();
      debounces.clear();
      ready.length = 0;
      for (const cancel of sleepers) cancel();
      sleepers.clear();
      await Promise.allSettled([...running]);
      settleIdle();
    },

    drain() {
      if (isIdle()) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
  return runner;
}
