/**
 * Opaque, HMAC-signed tokens of the client sync API (docs/api.md "Incremental sync for clients").
 * A token is `<kind>1.<base64url JSON>.<base64url HMAC-SHA256>`; the key is derived from the
 * auth secret so rotating AUTH_SECRET invalidates every token (clients get 410 and start over).
 * Clients must treat tokens as opaque; the layout may change with the version digit.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "../config/generated-secrets.ts";

export type TokenKind = "s" | "p";

function signingKey(): Buffer {
  return createHmac("sha256", authSecret()).update("concord client-sync token key v1").digest();
}

function sign(kind: TokenKind, body: string): string {
  // The kind is part of the signed text, so a page token never verifies as a sync token.
  return createHmac("sha256", signingKey()).update(`${kind}1.${body}`).digest("base64url");
}

export function encodeSignedToken(kind: TokenKind, payload: Record<string, unknown>): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${kind}1.${body}.${sign(kind, body)}`;
}

/** The payload of a token of this kind with a valid signature, else null (malformed or tampered). */
export function decodeSignedToken(kind: TokenKind, token: string): Record<string, unknown> | null {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== `${kind}1`) return null;
  const [, body, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(kind, body), "base64url");
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    return payload && typeof payload === "object" && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
