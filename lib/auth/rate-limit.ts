import { AppError } from "../errors/app-error.ts";

/**
 * Fixed-window attempt counter against password guessing (sign-in, token creation). Kept in the
 * process: with several app processes each counts on its own, which still bounds guessing per
 * process; put the app behind one process or a proxy limit for stricter guarantees.
 */
const windows = new Map<string, { count: number; resetAt: number }>();

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export const signInRule: RateLimitRule = { limit: 10, windowMs: 15 * 60_000 };

/** Counts one attempt for `key`; throws 429 once the window's limit is passed. */
export function consumeAttempt(key: string, rule: RateLimitRule = signInRule, now = Date.now()): void {
  const current = windows.get(key);
  if (!current || current.resetAt <= now) {
    windows.set(key, { count: 1, resetAt: now + rule.windowMs });
    if (windows.size > 10_000) pruneExpired(now);
    return;
  }
  current.count += 1;
  if (current.count > rule.limit) {
    const seconds = Math.ceil((current.resetAt - now) / 1000);
    throw new AppError("rate_limited", `Too many attempts; try again in ${seconds} s.`, {
      details: { retryAfter: seconds },
    });
  }
}

/** Forgets the attempts of `key` (after a successful sign-in). */
export function resetAttempts(key: string): void {
  windows.delete(key);
}

function pruneExpired(now: number): void {
  for (const [key, window] of windows) if (window.resetAt <= now) windows.delete(key);
}
