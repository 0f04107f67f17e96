import { durationToMs, type InngestFunction } from "inngest";

type Handler = (context: Record<string, unknown>) => Promise<unknown>;

/** What the embedded runner needs from an Inngest function definition. */
export interface FunctionDefinition {
  id: string;
  eventNames: string[];
  crons: string[];
  /** Per-key (or function-wide, without a key) limit on simultaneous runs. */
  concurrency?: { key?: string; limit: number };
  debounce?: { key?: string; periodMs: number; timeoutMs?: number };
  /** Retries after the first attempt (Inngest's default is 3). */
  retries: number;
  handler: Handler;
}

/**
 * Reads an `inngest.createFunction` result: its public `opts`, and the handler the SDK keeps
 * in the instance's `fn` field (inngest 4.24; tests/unit/jobs checks every function still
 * exposes it, so an SDK upgrade that moves it fails there, not in production).
 */
export function readFunctionDefinition(fn: InngestFunction.Any): FunctionDefinition {
  const opts = fn.opts;
  const handler = (fn as unknown as { fn?: unknown }).fn;
  if (typeof handler !== "function") throw new Error(`Function ${opts.id} exposes no handler`);
  const triggers = (opts.triggers ?? []) as ({ event: string | { name: string } } | { cron: string })[];
  const eventNames: string[] = [];
  const crons: string[] = [];
  for (const trigger of triggers) {
    if ("cron" in trigger) crons.push(trigger.cron);
    else eventNames.push(typeof trigger.event === "string" ? trigger.event : trigger.event.name);
  }
  const rawConcurrency = Array.isArray(opts.concurrency) ? opts.concurrency[0] : opts.concurrency;
  const concurrency =
    typeof rawConcurrency === "number"
      ? { limit: rawConcurrency }
      : rawConcurrency
        ? { key: rawConcurrency.key, limit: rawConcurrency.limit }
        : undefined;
  const debounce = opts.debounce
    ? {
        key: opts.debounce.key,
        periodMs: durationToMs(opts.debounce.period),
        timeoutMs: opts.debounce.timeout === undefined ? undefined : durationToMs(opts.debounce.timeout),
      }
    : undefined;
  return {
    id: opts.id,
    eventNames,
    crons,
    concurrency,
    debounce,
    retries: opts.retries ?? 3,
    handler: handler as Handler,
  };
}
