import { apiContentSecurityPolicy, securityHeaders } from "./security-headers.ts";

/** `response` with the API's security headers (see security-headers.ts). */
export function withApiHeaders(response: Response): Response {
  const headers = securityHeaders({ contentSecurityPolicy: apiContentSecurityPolicy, appUrl: process.env.APP_URL });
  let target = response;
  try {
    for (const [name, value] of Object.entries(headers)) target.headers.set(name, value);
  } catch {
    // Response.redirect() and fetched responses have immutable headers: answer with a copy.
    target = new Response(response.body, response);
    for (const [name, value] of Object.entries(headers)) target.headers.set(name, value);
  }
  return target;
}
