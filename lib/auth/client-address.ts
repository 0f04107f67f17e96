/**
 * The address a request came from, for per-client rate limits.
 *
 * Route handlers never see the socket. `npm start` serves through scripts/serve.ts, which
 * appends the socket's peer address to `X-Forwarded-For` on every request (as a proxy does), so
 * the last entry is always the direct peer, whatever the client wrote into the header itself.
 * (Plain `next start` only fills the header when it is absent, which lets a client choose its
 * own address.) Behind N reverse proxies that each append their peer (nginx
 * `$proxy_add_x_forwarded_for`, Caddy, Traefik), the operator sets `CONCORD_TRUST_PROXY=N`
 * (`1` or `true` for one) and the client is the entry N places before the last.
 */
export function trustedProxyCount(env: Record<string, string | undefined> = process.env): number {
  const value = (env.CONCORD_TRUST_PROXY ?? "").trim().toLowerCase();
  if (value === "" || value === "0" || value === "false") return 0;
  if (value === "true") return 1;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) {
    throw new Error(`CONCORD_TRUST_PROXY must be a number of proxies (e.g. 1) or true/false, not "${value}".`);
  }
  return count;
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function forwardedFor(headers: HeaderSource): string {
  if (headers instanceof Headers) return headers.get("x-forwarded-for") ?? "";
  const value = headers["x-forwarded-for"];
  return Array.isArray(value) ? value.join(",") : (value ?? "");
}

export function clientAddress(headers: HeaderSource, env: Record<string, string | undefined> = process.env): string {
  const hops = forwardedFor(headers)
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (hops.length === 0) return "unknown";
  const index = Math.max(0, hops.length - 1 - trustedProxyCount(env));
  // Bounded: the value becomes part of a hashed key, never trusted for anything else.
  return (hops[index] as string).slice(0, 100).toLowerCase();
}
