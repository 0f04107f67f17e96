import { AppError } from "../errors/app-error.ts";
import { appBaseUrl } from "../config/google-app-config.ts";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** POST, PUT, PATCH, DELETE and anything else that is not a read. */
export function isStateChanging(method: string): boolean {
  return !safeMethods.has(method.toUpperCase());
}

/** The origin the app is served from: APP_URL's, else the request's own (tests, plain `next start`). */
export function appOrigin(request: Request): string {
  return new URL(appBaseUrl({ fallbackAppUrl: new URL(request.url).origin })).origin;
}

function hasJsonContentType(request: Request): boolean {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  return mediaType === "application/json";
}

function refusal(reason: string): AppError {
  return new AppError(
    "cross_origin_refused",
    "This change was refused because it did not come from Concord's own pages. Open Concord at its own address and try again.",
    { status: 403, details: { reason } },
  );
}

/**
 * The CSRF rule for requests a browser authenticates by itself (the session cookie): a
 * state-changing request must come from the app's own origin — its `Origin` header, or when a
 * browser sends none, `Sec-Fetch-Site: same-origin` — and carry `Content-Type:
 * application/json`. SameSite=Lax alone lets through pages on a sibling port or subdomain
 * (same site, other origin), and the JSON type forces a CORS preflight on any cross-origin
 * `fetch`, which this app never grants; a plain HTML form cannot send it at all.
 */
export function refuseCrossOriginRequest(request: Request): void {
  if (!isStateChanging(request.method)) return;
  const origin = request.headers.get("origin");
  if (origin !== null) {
    if (origin !== appOrigin(request)) throw refusal("origin");
  } else if (request.headers.get("sec-fetch-site") !== "same-origin") {
    throw refusal("origin");
  }
  if (!hasJsonContentType(request)) throw refusal("content_type");
}

/**
 * The lighter rule for state-changing requests that carry no credentials (sign-up): scripts may
 * call them without an `Origin`, but a browser page of another origin may not (a cross-site
 * sign-up form is a login-CSRF and spam vector), and the body must be declared JSON.
 */
export function refuseCrossSiteForm(request: Request): void {
  if (!isStateChanging(request.method)) return;
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== appOrigin(request)) throw refusal("origin");
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") throw refusal("origin");
  if (!hasJsonContentType(request)) throw refusal("content_type");
}
