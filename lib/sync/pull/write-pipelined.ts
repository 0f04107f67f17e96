/**
 * Runs batched writes so that preparing batch k+1 (parsing iCalendar, CPU in this process)
 * overlaps writing batch k (the database server's work): on PostgreSQL a 10k-event first pull
 * then costs about max(parse, write) instead of their sum. Preparation yields to the event
 * loop every few items so the in-flight statement's bytes keep flowing to the server, and
 * whenever a slice of parsing took long (series expanded up to their budget), so other
 * requests are answered meanwhile.
 */
import { createEventLoopYielder } from "../../ical/event-loop-yielder.ts";

const PREPARE_SLICE = 200;

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function writePipelined<T>(params: {
  items: T[];
  batchSize: number;
  prepare: (item: T) => void;
  write: (batch: T[]) => Promise<number>;
  /** Called after each batch is written, with the items written so far. */
  onWritten?: (count: number) => void;
}): Promise<number> {
  let total = 0;
  let inFlight: Promise<number> | undefined;
  const yielder = createEventLoopYielder();
  for (let start = 0; start < params.items.length; start += params.batchSize) {
    const batch = params.items.slice(start, start + params.batchSize);
    for (let i = 0; i < batch.length; i += 1) {
      params.prepare(batch[i] as T);
      if (inFlight && (i + 1) % PREPARE_SLICE === 0) await yieldToIo();
      else await yielder.pause();
    }
    if (inFlight) {
      total += await inFlight;
      params.onWritten?.(total);
    }
    inFlight = params.write(batch);
    // Marks the rejection as handled while batch k+1 is prepared; the await above rethrows it.
    inFlight.catch(() => undefined);
  }
  if (inFlight) {
    total += await inFlight;
    params.onWritten?.(total);
  }
  return total;
}
