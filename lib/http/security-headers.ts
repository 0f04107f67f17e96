/**
 * The security headers of every answer. Pages get theirs from proxy.ts (a fresh script nonce
 * per request), API answers from the `routes()` wrapper; next.config.js repeats the parts that
 * never change (`staticSecurityHeaders`) for what neither sees (static files, next-auth's and
 * Inngest's routes). HSTS depends on APP_URL at run time, so it cannot live in next.config.js,
 * whose headers are fixed when the app is built.
 */

/** Headers that are the same for every answer and every configuration. */
export const staticSecurityHeaders: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
};

/** API answers are JSON, never a document: nothing may load from them, nothing may frame them. */
export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

function isHttps(appUrl: string | undefined): boolean {
  return Boolean(appUrl?.startsWith("https://"));
}

/**
 * The pages' policy, following Next's CSP guide: scripts only with this request's nonce (Next
 * puts it on its own inline and bundle scripts when it finds it in the request's CSP header),
 * and 'strict-dynamic' so the chunks those scripts load run too. Styles keep 'unsafe-inline':
 * React and FullCalendar set inline `style` attributes, which a nonce cannot cover, and a style
 * cannot run code. Dev mode needs 'unsafe-eval' for React's error overlays.
 */
export function pageContentSecurityPolicy(params: { nonce: string; appUrl?: string; isDev?: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${params.nonce}' 'strict-dynamic'${params.isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only behind https: on plain http it would send the page's own requests to a port nobody serves.
    ...(isHttps(params.appUrl) ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * The full set for one answer. Strict-Transport-Security only when APP_URL is https: sent over
 * http it is ignored anyway, and on a LAN install without TLS it must never pin browsers to https.
 * No includeSubDomains: the operator's other hosts under the same name are not ours to pin.
 */
export function securityHeaders(params: { contentSecurityPolicy: string; appUrl?: string }): Record<string, string> {
  return {
    ...staticSecurityHeaders,
    "Content-Security-Policy": params.contentSecurityPolicy,
    ...(isHttps(params.appUrl) ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}
