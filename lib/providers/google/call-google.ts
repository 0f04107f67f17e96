import { classifyGoogleError, isHttpClientError, isTransient, readGoogleError } from "./classify-google-error.ts";

/**
 * Backoff for Google calls. gaxios retries only GET/HEAD/PUT/OPTIONS/DELETE on 429/5xx and never
 * 403 `rateLimitExceeded` or POST/PATCH, so the adapter turns its retries off and does its own
 * truncated exponential backoff (Calendar quota guide), honouring Retry-After.
 */
export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 32_000 };

export interface GoogleCallContext {
  policy: RetryPolicy;
  /** Forces a token refresh (after a 401 on a token the client thought valid). */
  refreshAccessToken(): Promise<void>;
  /** HTTP requests made, for PullResult.requests. */
  counter: { requests: number };
}

function backoffDelay(policy: RetryPolicy, attempt: number, retryAfterMs: number | undefined): number {
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  const jittered = exponential + Math.random() * (exponential / 2);
  return Math.min(policy.maxDelayMs, Math.max(retryAfterMs ?? 0, jittered));
}

/**
 * Runs one Google request with backoff on rate limits, 5xx and lost responses, one refresh-and-
 * retry on 401, and Concord's typed errors for whatever remains.
 */
export async function callGoogle<T>(
  ctx: GoogleCallContext,
  request: () => Promise<T>,
  classify: { isWrite?: boolean; hasSyncToken?: boolean } = {},
): Promise<T> {
  let hasRefreshed = false;
  for (let attempt = 1; ; attempt++) {
    ctx.counter.requests += 1;
    try {
      return await request();
    } catch (error) {
      if (!isHttpClientError(error)) throw error;
      const facts = readGoogleError(error);
      if (facts.status === 401 && !hasRefreshed) {
        hasRefreshed = true;
        ctx.counter.requests += 1;
        try {
          await ctx.refreshAccessToken();
        } catch (refreshError) {
          throw classifyGoogleError(refreshError);
        }
        continue;
      }
      // A Retry-After longer than the inline backoff would allow is left to the job layer,
      // which waits the whole of it (RateLimited.retryAfterMs); retrying sooner only
      // spends quota the remote asked us not to use.
      const waitsLonger = (facts.retryAfterMs ?? 0) > ctx.policy.maxDelayMs;
      if (isTransient(facts) && attempt < ctx.policy.maxAttempts && !waitsLonger) {
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(ctx.policy, attempt, facts.retryAfterMs)));
        continue;
      }
      throw classifyGoogleError(error, classify);
    }
  }
}
