/**
 * Delay before the next attempt of an outbox entry: exponential from 2 s (iCloud throttles
 * with a Retry-After shorter than the real throttle; keeper.sh waits 2 s x 2^attempt), never
 * shorter than the server's Retry-After, at most an hour.
 */
const BASE_MS = 2_000;
const MAX_MS = 3_600_000;

export function backoffDelay(params: { attempts: number; retryAfterMs?: number }): number {
  const exponential = BASE_MS * 2 ** Math.min(params.attempts, 20);
  return Math.min(MAX_MS, Math.max(exponential, params.retryAfterMs ?? 0));
}
