/**
 * Typed errors: the contract between provider adapters and the sync engine (docs/design.md
 * "Provider interface"). Adapters translate HTTP into these; callers branch on the class,
 * never on message text. Messages must never contain credentials.
 */
export class ProviderError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.status = status;
  }
}

/** 401, or OAuth `invalid_grant`: the stored credentials no longer work. */
export class AuthRevoked extends ProviderError {}

/** Google 410 / 400 "Invalid sync token value"; CalDAV `DAV:valid-sync-token`: do a full listing. */
export class CursorExpired extends ProviderError {}

/** 412 on a conditional write (If-Match / If-None-Match). */
export class PreconditionFailed extends ProviderError {}

/** 404/410 on update: the object is gone remotely. */
export class GoneRemotely extends ProviderError {}

/** 429, 503, Google 403 rateLimitExceeded: retry after `retryAfterMs`. */
export class RateLimited extends ProviderError {
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number, status?: number) {
    super(message, status);
    this.retryAfterMs = retryAfterMs;
  }
}

/** 5xx other than 503, network failure, timeout: transient, retry with backoff. */
export class RemoteUnavailable extends ProviderError {}

/** The server answered but is not a CalDAV server (no principal / calendar home). */
export class NotCalDav extends ProviderError {}

/** 403 on a write: the calendar is read-only for this account. */
export class WriteForbidden extends ProviderError {}
