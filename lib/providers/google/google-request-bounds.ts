/**
 * Bounds for the Google client's requests, from the same CONCORD_HTTP_* settings as every other
 * remote read (lib/net/outbound-limits.ts). gaxios sends through lib/net's bounded transport
 * (`fetchImplementation`), so a Google request gets the same connect timeout, idle timeout,
 * total deadline and byte cap (on the wire and after decompression) as a CalDAV request;
 * Node's own fetch has no idle timeout without a dispatcher of undici's, which Node does not
 * expose. gaxios' own `timeout` and `maxContentLength` stay set as a second line.
 * Google's endpoints are operator-configured (GOOGLE_API_ROOT_URL / GOOGLE_OAUTH_URL), so
 * the private-host guard does not apply to them (`isOperatorEndpoint`).
 */
import { createGuardedFetch } from "../../net/guarded-fetch.ts";
import { readOutboundLimits } from "../../net/outbound-limits.ts";

/** fetch to Google's (operator-configured) endpoints, bounded like every remote read. */
export const googleFetch: typeof fetch = createGuardedFetch({ isOperatorEndpoint: true });

export function googleRequestBounds(): {
  timeout: number;
  maxContentLength: number;
  fetchImplementation: typeof fetch;
} {
  const limits = readOutboundLimits();
  return { timeout: limits.deadlineMs, maxContentLength: limits.maxResponseBytes, fetchImplementation: googleFetch };
}
