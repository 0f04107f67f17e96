/**
 * A 302 to a path of this server (absolute, from APP_URL or the request's origin), optionally
 * setting cookies. Built by hand because Response.redirect's headers are immutable.
 */
import { appBaseUrl } from "../config/google-app-config.ts";

export function redirectResponse(params: { request: Request; to: string; cookies?: string[] }): Response {
  const location = /^https?:\/\//.test(params.to)
    ? params.to
    : `${appBaseUrl({ fallbackAppUrl: new URL(params.request.url).origin })}${params.to}`;
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const cookie of params.cookies ?? []) headers.append("set-cookie", cookie);
  return new Response(null, { status: 302, headers });
}
