import { NonRetriableError, RetryAfterError } from "inngest";
import { HostNotAllowed } from "../net/host-not-allowed.ts";
import { AuthRevoked, RateLimited } from "../providers/errors.ts";
import { markConnectionNeedsReauth } from "../connections/mark-connection-needs-reauth.ts";

/**
 * Maps the provider errors that decide retry policy onto Inngest's: `RateLimited` waits as
 * long as the remote asked (Retry-After; iCloud's 503 throttling, Google's 403/429), and
 * `AuthRevoked` never retries — the stored credentials will not start working by themselves
 * (docs/design.md "OAuth": the connection needs a reconnect), nor does `HostNotAllowed` (only the
 * operator's CONCORD_ALLOW_PRIVATE_HOSTS changes that answer). Anything else is returned as is and
 * retried with Inngest's backoff.
 */
export function toJobError(error: unknown): unknown {
  if (error instanceof RateLimited) {
    return new RetryAfterError(error.message, Math.max(1000, error.retryAfterMs), { cause: error });
  }
  if (error instanceof AuthRevoked || error instanceof HostNotAllowed) {
    return new NonRetriableError(error.message, { cause: error });
  }
  return error;
}

/**
 * Runs one remote operation inside a `step.run`, rethrowing its error as `toJobError` maps
 * it; on `AuthRevoked` it first marks the connection so no other job of it runs again.
 */
export async function withJobErrors<T>(params: { connectionId: string; work: () => Promise<T> }): Promise<T> {
  try {
    return await params.work();
  } catch (error) {
    if (error instanceof AuthRevoked) await markConnectionNeedsReauth({ connectionId: params.connectionId });
    throw toJobError(error);
  }
}
