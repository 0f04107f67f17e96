/**
 * The one error type that reaches people. `code` is API.md's snake_case code, `message` is the
 * sentence shown to the person (never a credential, never a raw exception text); `cause` keeps
 * the internal error for logs.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: string,
    message: string,
    options: { status?: number; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = options.status ?? statusForCode(code);
    this.details = options.details;
  }
}

/** Status of each code this API uses (API.md "Conventions"); unknown codes are 400. */
const statusByCode: Record<string, number> = {
  bad_request: 400,
  invalid_json: 400,
  invalid_page_token: 400,
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  email_taken: 409,
  calendar_read_only: 409,
  not_held: 409,
  already_resolved: 409,
  state_conflict: 409,
  sync_token_expired: 410,
  precondition_failed: 412,
  validation_failed: 422,
  weak_password: 422,
  invalid_credentials: 422,
  server_unreachable: 422,
  not_caldav: 422,
  range_too_long: 422,
  recurrence_too_complex: 422,
  rate_limited: 429,
  provider_failed: 502,
  internal: 500,
};

export function statusForCode(code: string): number {
  return statusByCode[code] ?? 400;
}

export function notFound(what = "Resource"): AppError {
  return new AppError("not_found", `${what} not found.`);
}
