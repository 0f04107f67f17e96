/**
 * Delay before the next attempt of an outbox entry: exponential from 2 s (iCloud throttles
 * with a Retry-After shorter than the real throttle; keeper.sh waits 2 s x 2^attempt) up to an
 * hour, and never shorter than the server's Retry-After (RFC 9110 §10.2.3) — which is itself
 * bounded to a day, so a server cannot park a change for ever.
 */
const BASE_MS = 2_000;
const MAX_MS = 3_600_000;
const MAX_RETRY_AFTER_MS = 86_400_000;

export function backoffDelay(params: { attempts: number; retryAfterMs?: number }): number {
  const exponential = Math.min(MAX_MS, BASE_MS * 2 ** Math.min(params.attempts, 20));
  return Math.max(exponential, Math.min(MAX_RETRY_AFTER_MS, params.retryAfterMs ?? 0));
}
