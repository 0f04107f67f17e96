/**
 * Progress of a running pull on its SyncRun rows (`received`, `saved`), so a person watching a
 * first sync sees "events so far" instead of a bare spinner.
 *
 * `received` is written before the pull's transaction opens, and awaited. `saved` grows per
 * batch written inside the transaction; those rows are not committed yet, so the number is
 * written beside the transaction, never awaited there: on PostgreSQL it goes through another
 * pooled connection and is visible at once; on PGlite (one connection) it queues behind the
 * transaction and lands after the commit — awaiting it inside would deadlock. At most one write
 * is in flight; later numbers overwrite the waiting one. `flush()` awaits the last write, so
 * nothing runs after the pull finished its runs.
 */
import { db } from "../../db/client.ts";

export interface PullProgress {
  received: (count: number) => Promise<void>;
  saved: (count: number) => void;
  flush: () => Promise<void>;
}

export function recordPullProgress(params: { runIds: string[] }): PullProgress {
  const where = { id: { in: params.runIds }, status: "RUNNING" as const };
  let inFlight: Promise<void> = Promise.resolve();
  let waiting: number | null = null;
  let isScheduled = false;

  // Progress is a hint for the UI: a failed write must not fail the pull.
  const write = (data: { received?: number; saved?: number }) =>
    db()
      .syncRun.updateMany({ where, data })
      .then(() => undefined)
      .catch(() => undefined);

  const saved = (count: number) => {
    waiting = count;
    if (isScheduled) return;
    isScheduled = true;
    inFlight = inFlight.then(async () => {
      isScheduled = false;
      const next = waiting;
      waiting = null;
      if (next !== null) await write({ saved: next });
    });
  };

  return {
    received: (count) => write({ received: count, saved: 0 }),
    saved,
    flush: async () => {
      // A number that arrived while a write ran was chained behind it: wait until none is left.
      let current: Promise<void>;
      do {
        current = inFlight;
        await current;
      } while (current !== inFlight);
    },
  };
}
