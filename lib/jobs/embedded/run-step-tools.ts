import { durationToMs } from "inngest";
import type { ConcordEvent } from "../../queue/events.ts";
import { parseConcordEvent } from "../../queue/events.ts";

/** Thrown into a run's steps once its runner stops: the run ends at its next step boundary. */
export class RunnerStopped extends Error {
  constructor() {
    super("The embedded runner stopped");
    this.name = "RunnerStopped";
  }
}

/** What one run's steps need from the runner. */
export interface StepHost {
  isStopped(): boolean;
  /** Waits `ms` (rejecting with RunnerStopped when the runner stops meanwhile). */
  wait(ms: number): Promise<void>;
  /** Gives up the run's execution slot while it sleeps, and takes it back. */
  releaseSlot(): void;
  acquireSlot(): Promise<void>;
  enqueue(event: ConcordEvent): void;
}

/**
 * A minimal `step` object with Inngest's semantics for the tools Concord's functions use:
 * results are memoised per step id in `memo` (kept across the retries of one run, so a
 * retried run skips the steps that succeeded), JSON round-tripped like Inngest stores them,
 * and a repeated id gets Inngest's `:n` suffix.
 */
export function createRunStepTools(params: { memo: Map<string, unknown>; host: StepHost }): Record<string, unknown> {
  const { memo, host } = params;
  const seen = new Map<string, number>();

  function memoKey(id: string): string {
    const count = seen.get(id) ?? 0;
    seen.set(id, count + 1);
    return count === 0 ? id : `${id}:${count}`;
  }

  async function memoised<T>(id: string, work: () => Promise<T>): Promise<T> {
    const key = memoKey(id);
    if (memo.has(key)) return memo.get(key) as T;
    if (host.isStopped()) throw new RunnerStopped();
    const value = await work();
    const stored = (value === undefined ? null : JSON.parse(JSON.stringify(value))) as T;
    memo.set(key, stored);
    return stored;
  }

  async function sleepFor(ms: number): Promise<void> {
    host.releaseSlot();
    try {
      await host.wait(Math.max(0, ms));
    } finally {
      await host.acquireSlot();
    }
  }

  const unsupported = (name: string) => () => {
    throw new Error(`step.${name} is not supported by the embedded runner`);
  };

  return {
    run: (id: string, work: () => unknown) => memoised(id, async () => work()),
    sleep: (id: string, duration: unknown) => memoised(id, () => sleepFor(durationToMs(duration))),
    sleepUntil: (id: string, time: Date | string) =>
      memoised(id, () => sleepFor(new Date(time).getTime() - Date.now())),
    sendEvent: (id: string, payload: ConcordEvent | ConcordEvent[]) =>
      memoised(id, async () => {
        const events = (Array.isArray(payload) ? payload : [payload]).map((event) =>
          parseConcordEvent({ name: event.name, data: event.data } as ConcordEvent),
        );
        for (const event of events) host.enqueue(event);
        return { ids: events.map(() => crypto.randomUUID()) };
      }),
    waitForEvent: unsupported("waitForEvent"),
    invoke: unsupported("invoke"),
    fetch: unsupported("fetch"),
  };
}
