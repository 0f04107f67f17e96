/**
 * Bounds for the Google client's requests (gaxios 8 over Node's fetch), from the same
 * CONCORD_HTTP_* settings as every other remote read (lib/net/outbound-limits.ts):
 * - `timeout`: gaxios aborts the request with AbortSignal.timeout — one total deadline over
 *   connect, headers and body (CONCORD_HTTP_DEADLINE_MS). fetch offers no separate idle
 *   timeout without a custom undici dispatcher; its own connect timeout is 10 s.
 * - `maxContentLength`: gaxios refuses a larger Content-Length and stops reading a body past
 *   it, counted after fetch has decompressed it, so a gzip bomb stops there too
 *   (CONCORD_HTTP_MAX_RESPONSE_BYTES).
 * Google's endpoints are operator-configured (GOOGLE_API_ROOT_URL / GOOGLE_OAUTH_URL), so
 * the private-host guard does not apply to them.
 */
import { readOutboundLimits } from "../../net/outbound-limits.ts";

export function googleRequestBounds(): { timeout: number; maxContentLength: number } {
  const limits = readOutboundLimits();
  return { timeout: limits.deadlineMs, maxContentLength: limits.maxResponseBytes };
}
