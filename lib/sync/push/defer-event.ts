/**
 * A push of one event failed. For a reason that may pass (throttling, a server error, a lost
 * connection) its entries stay PENDING with attempts + 1 and the next attempt after a backoff
 * that honours the server's Retry-After. A refusal that cannot pass by retrying (a 403 on a
 * read-only calendar, any other permanent 4xx: is-permanent-refusal.ts), or a failure that
 * kept coming back for MAX_ATTEMPTS tries (about half a day with the one-hour backoff cap),
 * marks the entries FAILED with the server's reason: the calendar then shows them as unsent
 * changes (lib/calendars/calendar-view.ts) until "Sync now" queues them again
 * (retry-refused-changes.ts). Nothing retries for ever, and nothing is dropped silently.
 */
import { db } from "../../db/client.ts";
import { RateLimited } from "../../providers/errors.ts";
import { backoffDelay } from "./backoff-delay.ts";
import { isPermanentRefusal } from "./is-permanent-refusal.ts";

/** Attempts of one entry before a failure that might have passed counts as permanent. */
export const MAX_ATTEMPTS = 20;

export function describePushError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return "unknown error";
}

export async function deferEvent(params: { eventId: string; error: unknown; now: Date }): Promise<void> {
  const { eventId, error, now } = params;
  const lastError = describePushError(error);
  if (isPermanentRefusal(error)) {
    await db().pendingChange.updateMany({
      where: { eventId, status: "PENDING" },
      data: { status: "FAILED", attempts: { increment: 1 }, lastError },
    });
    return;
  }
  const changes = await db().pendingChange.findMany({
    where: { eventId, status: "PENDING" },
    select: { id: true, attempts: true },
  });
  // An event's entries go out together, so one that ran out of attempts stops them all: the
  // later ones were made on top of it and must not overtake it.
  if (changes.some((change) => change.attempts + 1 >= MAX_ATTEMPTS)) {
    await db().pendingChange.updateMany({
      where: { eventId, status: "PENDING" },
      data: {
        status: "FAILED",
        attempts: { increment: 1 },
        lastError: `Gave up after ${MAX_ATTEMPTS} attempts. ${lastError}`.slice(0, 500),
      },
    });
    return;
  }
  const retryAfterMs = error instanceof RateLimited ? error.retryAfterMs : undefined;
  for (const change of changes) {
    const delay = backoffDelay({ attempts: change.attempts, retryAfterMs });
    await db().pendingChange.update({
      where: { id: change.id },
      data: { attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + delay), lastError },
    });
  }
}
