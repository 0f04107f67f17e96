/**
 * "Link Google sign-in" on the settings page: a signed-in person asks to tie their Google
 * identity to their account. The request sets this short-lived cookie (HMAC-signed with the
 * session secret, bound to the user id), then the browser goes through Google's consent; the
 * Google callback links only when the cookie names the same user as the session cookie of that
 * request (lib/auth/resolve-google-sign-in.ts). Without it, Google sign-in never joins an
 * existing account.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "../config/generated-secrets.ts";

export const GOOGLE_LINK_COOKIE = "concord.link-google";
const LIFETIME_S = 600;
// Only next-auth's routes need to see it.
const COOKIE_PATH = "/api/auth";

function signature(payload: string): string {
  return createHmac("sha256", authSecret()).update(`google-link\n${payload}`).digest("base64url");
}

function secureFlag(): string {
  return (process.env.APP_URL ?? "").startsWith("https://") ? "; Secure" : "";
}

/** The Set-Cookie value that starts a link for `userId`. */
export function googleLinkIntentCookie(params: { userId: string; now?: Date }): string {
  const expires = (params.now ?? new Date()).getTime() + LIFETIME_S * 1000;
  const payload = `${params.userId}.${expires}`;
  const value = `${payload}.${signature(payload)}`;
  return `${GOOGLE_LINK_COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${LIFETIME_S}; HttpOnly; SameSite=Lax${secureFlag()}`;
}

/** The Set-Cookie value that removes the cookie again. */
export function clearGoogleLinkIntentCookie(): string {
  return `${GOOGLE_LINK_COOKIE}=; Path=${COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Lax${secureFlag()}`;
}

/** The user id a valid, unexpired cookie value names, else null. */
export function readGoogleLinkIntent(value: string | undefined, now = new Date()): string | null {
  if (!value) return null;
  const parts = value.split(".");
  if (parts.length !== 3) return null;
  const [userId, expires, given] = parts as [string, string, string];
  const expected = Buffer.from(signature(`${userId}.${expires}`));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  if (!(Number(expires) > now.getTime())) return null;
  return userId;
}
