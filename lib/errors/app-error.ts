/**
 * The one error type that reaches people. `code` is one of the API's snake_case codes, `message` is the
 * sentence shown to the person (never a credential, never a raw exception text); `cause` keeps
 * the internal error for logs.
 */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: AppErrorCode,
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

/**
 * Every error code of the API with its HTTP status (docs/api.md, "Conventions"). The keys are
 * the one list of codes: `AppErrorCode` is derived from them, so a new code is added here or
 * it does not compile.
 */
const statusByCode = {
  bad_request: 400,
  invalid_json: 400,
  invalid_page_token: 400,
  unauthorized: 401,
  signup_closed: 403,
  token_cannot_create_tokens: 403,
  session_required: 403,
  cross_origin_refused: 403,
  not_found: 404,
  method_not_allowed: 405,
  email_taken: 409,
  calendar_read_only: 409,
  not_held: 409,
  already_resolved: 409,
  state_conflict: 409,
  sync_token_expired: 410,
  precondition_failed: 412,
  payload_too_large: 413,
  validation_failed: 422,
  weak_password: 422,
  invalid_credentials: 422,
  server_unreachable: 422,
  not_caldav: 422,
  range_too_long: 422,
  host_not_allowed: 422,
  recurrence_too_complex: 422,
  rate_limited: 429,
  provider_failed: 502,
  internal: 500,
} as const satisfies Record<string, number>;

/** The codes of `{ error: { code } }` bodies. */
export type AppErrorCode = keyof typeof statusByCode;

export function statusForCode(code: AppErrorCode): number {
  return statusByCode[code];
}

export function notFound(what = "Resource"): AppError {
  return new AppError("not_found", `${what} not found.`);
}
