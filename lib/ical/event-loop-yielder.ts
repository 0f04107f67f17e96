/**
 * Loops that expand or parse many events run on the thread that answers every request. Each
 * event is bounded (expansion-budget.ts), but hundreds in a row would still hold the thread
 * for seconds: such loops call `pause()` between events, which lets timers and I/O (a health
 * check, another person's request) run once a slice of work is done.
 */

/** Work between two pauses; short enough that other requests barely notice. */
export const DEFAULT_SLICE_MS = 20;

export interface EventLoopYielder {
  /** Resolves at once while the slice lasts; after it, on the next turn of the event loop. */
  pause(): Promise<void>;
}

export function createEventLoopYielder(params: { sliceMs?: number } = {}): EventLoopYielder {
  const sliceMs = params.sliceMs ?? DEFAULT_SLICE_MS;
  let sliceStart = performance.now();
  return {
    async pause() {
      if (performance.now() - sliceStart < sliceMs) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    },
  };
}
