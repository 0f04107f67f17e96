/**
 * The attempt limits of the rate-limited actions, per window. Defaults suit a public server;
 * `CONCORD_RATE_LIMITS` overrides them, e.g. `signup=5/3600,signin=off`:
 * `<scope>=<count>/<seconds>` or `<scope>=off`, comma-separated.
 */
export type RateLimitScope = "signup" | "signin" | "tokens" | "account";

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

const defaults: Record<RateLimitScope, RateLimitRule> = {
  // Each sign-up costs a bcrypt hash and a row: a handful per client and hour is plenty.
  signup: { limit: 10, windowMs: 3_600_000 },
  // Password attempts (sign-in form and token creation by password) per client.
  signin: { limit: 20, windowMs: 15 * 60_000 },
  // Token creations per client, however authenticated.
  tokens: { limit: 30, windowMs: 3_600_000 },
  // Wrong passwords per account from all clients together. Generous and short on purpose: it only
  // slows guessing spread over many addresses, and a stranger can lock the owner out for at most
  // this window (the per-client limits do the real work).
  account: { limit: 50, windowMs: 5 * 60_000 },
};

const scopes = Object.keys(defaults) as RateLimitScope[];

function parseOverrides(text: string): Partial<Record<RateLimitScope, RateLimitRule | null>> {
  const overrides: Partial<Record<RateLimitScope, RateLimitRule | null>> = {};
  for (const entry of text.split(",")) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    const match = /^(\w+)\s*=\s*(?:(off)|(\d+)\s*\/\s*(\d+))$/i.exec(trimmed);
    const scope = match?.[1] as RateLimitScope | undefined;
    if (!match || !scope || !scopes.includes(scope)) {
      throw new Error(
        `CONCORD_RATE_LIMITS: cannot read "${trimmed}"; use <scope>=<count>/<seconds> or <scope>=off with scopes ${scopes.join(", ")}.`,
      );
    }
    overrides[scope] = match[2] ? null : { limit: Number(match[3]), windowMs: Number(match[4]) * 1000 };
  }
  return overrides;
}

/** The rule of `scope`, or null when the operator turned that limit off. */
export function rateLimitRule(scope: RateLimitScope, env: Record<string, string | undefined> = process.env) {
  const overrides = parseOverrides(env.CONCORD_RATE_LIMITS ?? "");
  const override = overrides[scope];
  return override === undefined ? defaults[scope] : override;
}
