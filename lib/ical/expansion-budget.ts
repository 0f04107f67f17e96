/**
 * Budgets on recurrence expansion. A series comes from people and from remote servers, and a
 * rule can be written so that working out its dates never ends or takes seconds (50 RRULEs
 * that match no date, FREQ=SECONDLY over a year). Expansion runs synchronously on the one
 * Node thread that also answers every other request, so each event gets a small budget of
 * steps and time, and each request (range query, sync listing, pull run) a total.
 *
 * Steps are the deterministic bound: one step is one candidate date looked at (by Concord's
 * iterator or inside ical.js). Time is the bound for work between steps (ical.js can spend a
 * millisecond on one BYSETPOS candidate). An event's time counts as spent when both its wall
 * time and its thread's CPU time passed the limit: on a machine busy with other processes wall
 * time runs on while this thread waits, and an ordinary series must not be cut short for it.
 * {@link EVENT_MAX_WALL_MS} still bounds the wall time. The clock is read every
 * {@link TIME_CHECK_EVERY} steps, the CPU clock only once the wall limit passed.
 */

/**
 * Per event: about 50 ms of work (a step costs 1-10 µs); a real series needs far fewer (a
 * range query skips to its range, and a daily series with COUNT=20000 fits).
 */
export const EVENT_MAX_STEPS = 25_000;
/** Per event: keeps the event loop free; legitimate series expand in well under 5 ms. */
export const EVENT_MAX_MS = 50;
/** Per event, wall clock, whatever the CPU clock says. */
export const EVENT_MAX_WALL_MS = 1_000;
/** Per request (range query, pull run): time inside expansion; the answer stays fast. */
export const REQUEST_MAX_MS = 1_000;

const TIME_CHECK_EVERY = 32;

function threadCpuMs(): number {
  const usage = process.threadCpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** The budget of one event's expansion. */
export interface EventBudget {
  /** Counts `steps` more; false once the event's (or the request's) budget is spent. */
  spend(steps?: number): boolean;
  /** True once {@link spend} returned false. */
  readonly isSpent: boolean;
}

/** The budget of one request: hands out per-event budgets that draw on a shared total. */
export interface ExpansionBudget {
  forEvent(): EventBudget;
  /** True once the request's total time is used up: later events get a spent budget. */
  readonly isSpent: boolean;
}

export function createExpansionBudget(
  params: { maxMs?: number; eventMaxMs?: number; eventMaxSteps?: number; eventMaxWallMs?: number } = {},
): ExpansionBudget {
  const maxMs = params.maxMs ?? REQUEST_MAX_MS;
  const eventMaxMs = params.eventMaxMs ?? EVENT_MAX_MS;
  const eventMaxSteps = params.eventMaxSteps ?? EVENT_MAX_STEPS;
  const eventMaxWallMs = Math.max(eventMaxMs, params.eventMaxWallMs ?? EVENT_MAX_WALL_MS);
  // Only time spent inside expansion counts: database reads and pauses between events do not.
  let spentMs = 0;
  const request = {
    get isSpent() {
      return spentMs >= maxMs;
    },
    forEvent(): EventBudget {
      const startedAt = performance.now();
      let lastCheck = startedAt;
      let cpuAtStart: number | null = null;
      let steps = 0;
      let isSpent = request.isSpent;
      const isOverTime = (now: number): boolean => {
        // The CPU clock starts at the first check: the few steps before it do not matter, and
        // a series that never reaches it never pays for reading it.
        cpuAtStart ??= threadCpuMs();
        const wall = now - startedAt;
        if (wall <= eventMaxMs) return false;
        return wall > eventMaxWallMs || threadCpuMs() - cpuAtStart > eventMaxMs;
      };
      return {
        get isSpent() {
          return isSpent;
        },
        spend(count = 1) {
          if (isSpent) return false;
          const before = steps;
          steps += count;
          if (steps > eventMaxSteps) isSpent = true;
          else if (Math.floor(steps / TIME_CHECK_EVERY) !== Math.floor(before / TIME_CHECK_EVERY)) {
            const now = performance.now();
            spentMs += now - lastCheck;
            lastCheck = now;
            if (spentMs >= maxMs || isOverTime(now)) isSpent = true;
          }
          return !isSpent;
        },
      };
    },
  };
  return request;
}

/**
 * One edit a person asked for (check an occurrence, split a series, check a new rule): a single
 * event, so a wider budget than a listing's share, and a wrong answer there would be written.
 */
export const EDIT_MAX_MS = 200;
export const EDIT_MAX_STEPS = 100_000;

export function editBudget(): EventBudget {
  return createExpansionBudget({
    maxMs: EDIT_MAX_MS,
    eventMaxMs: EDIT_MAX_MS,
    eventMaxSteps: EDIT_MAX_STEPS,
    eventMaxWallMs: 5 * EDIT_MAX_MS,
  }).forEvent();
}

/** A budget for one event on its own (callers without a request of their own). */
export function singleEventBudget(): EventBudget {
  return createExpansionBudget({ maxMs: EVENT_MAX_WALL_MS }).forEvent();
}
