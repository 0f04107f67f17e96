/**
 * The OAuth `state` parameter of the Google consent flow (RFC 6749 section 10.12, CSRF): it
 * names the signed-in user and an expiry, carries a nonce that must also come back in an
 * httpOnly cookie of the same browser, and is HMAC-SHA256-signed with the server's auth secret.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { authSecret } from "../config/generated-secrets.ts";

/** Consent normally takes seconds; ten minutes leaves room for a second-factor prompt. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;
export const OAUTH_NONCE_COOKIE = "concord_google_oauth";

interface StatePayload {
  u: string;
  n: string;
  e: number;
}

function sign(payload: string): string {
  return createHmac("sha256", `concord-google-oauth-state:${authSecret()}`).update(payload).digest("base64url");
}

/** Equal-length digests first, so neither length nor content leaks through timing. */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash("sha256").update(a).digest();
  const db = createHash("sha256").update(b).digest();
  return timingSafeEqual(da, db);
}

export function createOAuthState(params: { userId: string; now?: Date }): { state: string; nonce: string } {
  const nonce = randomBytes(18).toString("base64url");
  const payload: StatePayload = {
    u: params.userId,
    n: nonce,
    e: (params.now ?? new Date()).getTime() + OAUTH_STATE_TTL_MS,
  };
  const encoded = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return { state: `${encoded}.${sign(encoded)}`, nonce };
}

export type OAuthStateProblem = "malformed" | "bad_signature" | "expired" | "other_user" | "nonce_mismatch";

/** Checks a returned state; answers the problem, or null when it is good. */
export function checkOAuthState(params: {
  state: string;
  userId: string;
  nonce: string | null;
  now?: Date;
}): OAuthStateProblem | null {
  const [encoded, signature, ...rest] = params.state.split(".");
  if (!encoded || !signature || rest.length > 0) return "malformed";
  if (!safeEqual(signature, sign(encoded))) return "bad_signature";
  let payload: StatePayload;
  try {
    payload = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")) as StatePayload;
  } catch {
    return "malformed";
  }
  if (typeof payload.e !== "number" || payload.e <= (params.now ?? new Date()).getTime()) return "expired";
  if (typeof payload.u !== "string" || !safeEqual(payload.u, params.userId)) return "other_user";
  if (!params.nonce || typeof payload.n !== "string" || !safeEqual(payload.n, params.nonce)) return "nonce_mismatch";
  return null;
}
