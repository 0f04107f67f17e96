/**
 * Whether a failed write will fail the same way however often it is sent: the remote refused
 * the request itself (a 4xx), as opposed to being unavailable, throttling, or disagreeing about
 * the version. 401 (AuthRevoked: reconnect) and 412/409 (PreconditionFailed: merged) have their
 * own paths; 408, 423, 425 and 429 are "try later" by definition (RFC 9110 §15.5, RFC 4918
 * §11.3, RFC 8470 §5.2, RFC 6585 §4).
 */
import {
  AuthRevoked,
  CursorExpired,
  GoneRemotely,
  PreconditionFailed,
  ProviderError,
  RateLimited,
  RemoteUnavailable,
  WriteForbidden,
} from "../../providers/errors.ts";

const TRY_LATER = new Set([408, 409, 412, 423, 425, 429]);

export function isPermanentRefusal(error: unknown): boolean {
  if (error instanceof WriteForbidden) return true;
  if (!(error instanceof ProviderError)) return false;
  if (
    error instanceof AuthRevoked ||
    error instanceof RateLimited ||
    error instanceof RemoteUnavailable ||
    error instanceof PreconditionFailed ||
    error instanceof GoneRemotely ||
    error instanceof CursorExpired
  )
    return false;
  const status = error.status;
  return status !== undefined && status >= 400 && status < 500 && !TRY_LATER.has(status);
}
