import {
  AuthRevoked,
  CursorExpired,
  GoneRemotely,
  PreconditionFailed,
  ProviderError,
  RateLimited,
  RemoteUnavailable,
  WriteForbidden,
} from "../errors.ts";

/** 403 reasons that mean "slow down" (Calendar errors guide); `rateLimitExceeded` may also be 429. */
const RATE_LIMIT_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded"]);
const DEFAULT_RETRY_AFTER_MS = 1000;

export interface GoogleErrorFacts {
  /** HTTP status; undefined when no response arrived (network error, timeout). */
  status?: number;
  reason?: string;
  message?: string;
  /** OAuth token endpoint error code (`invalid_grant`, ...). */
  oauthError?: string;
  retryAfterMs?: number;
}

interface ErrorLike {
  status?: unknown;
  code?: unknown;
  response?: { status?: number; data?: unknown; headers?: unknown };
}

function headerOf(headers: unknown, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === "string" ? value : null;
}

/** Reads status, reason and Retry-After out of a GaxiosError (or anything shaped like one). */
export function readGoogleError(error: unknown): GoogleErrorFacts {
  const e = error as ErrorLike;
  const response = e?.response;
  const data = response?.data as { error?: unknown; error_description?: unknown } | undefined;
  const facts: GoogleErrorFacts = { status: response?.status };
  if (data && typeof data.error === "string") facts.oauthError = data.error;
  else if (data && typeof data.error === "object" && data.error) {
    const body = data.error as { message?: string; errors?: Array<{ reason?: string }> };
    facts.message = body.message;
    facts.reason = body.errors?.[0]?.reason;
  }
  const retryAfter = headerOf(response?.headers, "retry-after");
  if (retryAfter !== null && Number.isFinite(Number(retryAfter))) facts.retryAfterMs = Number(retryAfter) * 1000;
  return facts;
}

/** GaxiosError (with or without a response): it carries the request `config`. */
export function isHttpClientError(error: unknown): boolean {
  return typeof error === "object" && error !== null && "config" in error;
}

export function isRateLimit(facts: GoogleErrorFacts): boolean {
  return facts.status === 429 || (facts.status === 403 && RATE_LIMIT_REASONS.has(facts.reason ?? ""));
}

/** Worth retrying inside the adapter: rate limits, 5xx and lost responses. */
export function isTransient(facts: GoogleErrorFacts): boolean {
  return isRateLimit(facts) || facts.status === undefined || facts.status >= 500;
}

/**
 * Google HTTP -> Concord's typed errors (docs/design.md "Provider interface"). `hasSyncToken`: the
 * request carried a syncToken, so 410 and 400 "Invalid sync token value." (observed in
 * kewisch/gdata-provider; Google has no reason code for it) mean the cursor is refused.
 * Messages carry status and reason only, never request data or credentials.
 */
export function classifyGoogleError(
  error: unknown,
  context: { isWrite?: boolean; hasSyncToken?: boolean } = {},
): Error {
  if (error instanceof ProviderError) return error;
  // Not an HTTP failure of the client (a bug, a parse error): surface it unchanged.
  if (!isHttpClientError(error)) return error instanceof Error ? error : new Error(String(error));
  const facts = readGoogleError(error);
  const label = `Google ${facts.status ?? "network error"}${facts.reason ? ` ${facts.reason}` : ""}${facts.oauthError ? ` ${facts.oauthError}` : ""}`;
  if (facts.oauthError === "invalid_grant" || facts.status === 401) return new AuthRevoked(label, facts.status);
  if (context.hasSyncToken && facts.status === 410) return new CursorExpired(label, 410);
  if (context.hasSyncToken && facts.status === 400 && facts.message === "Invalid sync token value.")
    return new CursorExpired(label, 400);
  if (facts.status === 412) return new PreconditionFailed(label, 412);
  if (isRateLimit(facts) || facts.status === 503) {
    return new RateLimited(label, facts.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS, facts.status);
  }
  if (facts.status === undefined || facts.status >= 500) return new RemoteUnavailable(label, facts.status);
  if (context.isWrite && facts.status === 403) return new WriteForbidden(label, 403);
  if (context.isWrite && (facts.status === 404 || facts.status === 410)) return new GoneRemotely(label, facts.status);
  // Google's own sentence for a refusal ("Invalid start time.") is what the person needs to see.
  const reason = facts.message ? `: ${facts.message.replace(/\s+/g, " ").slice(0, 200)}` : "";
  return new ProviderError(`${label}${reason}`, facts.status);
}
