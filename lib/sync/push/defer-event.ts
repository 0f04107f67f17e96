/**
 * A push of one event failed for a reason that may pass (throttling, a server error): its
 * entries stay PENDING with attempts + 1 and the next attempt after a backoff. A 403 on the
 * write means the calendar is read-only for this account: retrying cannot help, so the
 * entries are marked FAILED with the reason.
 */
import { db } from "../../db/client.ts";
import { RateLimited, WriteForbidden } from "../../providers/errors.ts";
import { backoffDelay } from "./backoff-delay.ts";

export function describePushError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return "unknown error";
}

export async function deferEvent(params: { eventId: string; error: unknown; now: Date }): Promise<void> {
  const { eventId, error, now } = params;
  const lastError = describePushError(error);
  if (error instanceof WriteForbidden) {
    await db().pendingChange.updateMany({
      where: { eventId, status: "PENDING" },
      data: { status: "FAILED", lastError },
    });
    return;
  }
  const changes = await db().pendingChange.findMany({
    where: { eventId, status: "PENDING" },
    select: { id: true, attempts: true },
  });
  const retryAfterMs = error instanceof RateLimited ? error.retryAfterMs : undefined;
  for (const change of changes) {
    const delay = backoffDelay({ attempts: change.attempts, retryAfterMs });
    await db().pendingChange.update({
      where: { id: change.id },
      data: { attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + delay), lastError },
    });
  }
}
