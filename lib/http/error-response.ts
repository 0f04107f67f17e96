import { ZodError } from "zod";
import { AppError } from "../errors/app-error.ts";
import { ProviderError, RateLimited, PreconditionFailed } from "../providers/errors.ts";

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

function body(code: string, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

/** Maps anything thrown by a handler to docs/api.md's error body; never leaks a stack or a raw message. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    // 429s say when to come back (RFC 9110 section 10.2.3), as the provider's own 429s do below.
    const retryAfter = error.details?.retryAfter;
    const headers = typeof retryAfter === "number" ? { "Retry-After": String(retryAfter) } : undefined;
    return Response.json(body(error.code, error.message, error.details), { status: error.status, headers });
  }
  if (error instanceof ZodError) {
    const issues = error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    const first = issues[0];
    const message = first ? `Invalid value for ${first.path || "the request"}: ${first.message}` : "Invalid request.";
    return Response.json(body("validation_failed", message, { issues }), { status: 422 });
  }
  if (error instanceof RateLimited) {
    const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
    return Response.json(
      body("rate_limited", `The calendar provider asks us to slow down; try again in ${seconds} s.`),
      {
        status: 429,
        headers: { "Retry-After": String(seconds) },
      },
    );
  }
  if (error instanceof PreconditionFailed) {
    return Response.json(body("precondition_failed", "The event changed on the server meanwhile."), { status: 412 });
  }
  if (error instanceof ProviderError) {
    return Response.json(
      body("provider_failed", "The calendar provider did not answer as expected; try again later."),
      {
        status: 502,
      },
    );
  }
  // Unknown errors: log the class and message for the operator (no request data), answer generically.
  console.error("Unhandled error:", error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  return Response.json(body("internal", "Something went wrong on our side."), { status: 500 });
}
