import { GoogleHttpError } from "./http-utils.ts";

/** A fault for the next `count` requests matching `method` and `path` (a substring of the path). */
export interface FaultRule {
  method?: string;
  path?: string;
  status?: number;
  reason?: string;
  message?: string;
  retryAfterSeconds?: number;
  latencyMs?: number;
  count: number;
  /** Matching requests to let through untouched before the rule applies (e.g. "the 2nd page"). */
  skip?: number;
}

const DEFAULT_REASONS: Record<number, { reason: string; message: string }> = {
  401: { reason: "authError", message: "Invalid Credentials" },
  403: { reason: "rateLimitExceeded", message: "Rate Limit Exceeded" },
  429: { reason: "rateLimitExceeded", message: "Rate Limit Exceeded" },
  500: { reason: "backendError", message: "Backend Error" },
  503: { reason: "backendError", message: "Service Unavailable" },
};

export function parseFaultRule(body: Record<string, unknown>): FaultRule {
  return {
    method: typeof body.method === "string" ? body.method.toUpperCase() : undefined,
    path: typeof body.path === "string" ? body.path : undefined,
    status: typeof body.status === "number" ? body.status : undefined,
    reason: typeof body.reason === "string" ? body.reason : undefined,
    message: typeof body.message === "string" ? body.message : undefined,
    retryAfterSeconds: typeof body.retryAfterSeconds === "number" ? body.retryAfterSeconds : undefined,
    latencyMs: typeof body.latencyMs === "number" ? body.latencyMs : undefined,
    count: typeof body.count === "number" ? body.count : 1,
    skip: typeof body.skip === "number" ? body.skip : 0,
  };
}

/** Consumes the first matching rule: waits its latency, then returns its error (if any). */
export async function applyFaults(rules: FaultRule[], method: string, path: string): Promise<GoogleHttpError | null> {
  const index = rules.findIndex(
    (rule) => rule.count > 0 && (!rule.method || rule.method === method) && (!rule.path || path.includes(rule.path)),
  );
  const rule = rules[index];
  if (!rule) return null;
  if (rule.skip) {
    rule.skip -= 1;
    return null;
  }
  rule.count -= 1;
  if (rule.count <= 0) rules.splice(index, 1);
  if (rule.latencyMs) await new Promise((resolve) => setTimeout(resolve, rule.latencyMs));
  if (!rule.status) return null;
  const defaults = DEFAULT_REASONS[rule.status] ?? { reason: "unknown", message: "Error" };
  return new GoogleHttpError({
    status: rule.status,
    reason: rule.reason ?? defaults.reason,
    message: rule.message ?? defaults.message,
    domain: rule.status === 403 || rule.status === 429 ? "usageLimits" : "global",
    headers: rule.retryAfterSeconds !== undefined ? { "retry-after": String(rule.retryAfterSeconds) } : {},
  });
}
