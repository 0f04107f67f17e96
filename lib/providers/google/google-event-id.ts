import { createHash } from "node:crypto";

/** Google event ids: base32hex characters [a-v0-9], 5 to 1024 long (Event `id` reference). */
const ID_PATTERN = /^[a-v0-9]{5,1024}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE32HEX = "0123456789abcdefghijklmnopqrstuv";

function encodeBase32Hex(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32HEX[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * A valid Google event id derived deterministically from `suggestedRef`, so a retried create
 * reuses the id and Google answers 409 instead of creating a duplicate. Valid ids and UUIDs
 * (hex digits are base32hex) map to themselves (lower-cased, UUID dashes dropped).
 */
export function toGoogleEventId(suggestedRef: string): string {
  if (ID_PATTERN.test(suggestedRef)) return suggestedRef;
  if (UUID_PATTERN.test(suggestedRef)) return suggestedRef.toLowerCase().replace(/-/g, "");
  const encoded = encodeBase32Hex(new TextEncoder().encode(suggestedRef));
  if (encoded.length >= 5 && encoded.length <= 1024) return encoded;
  return createHash("sha256").update(suggestedRef).digest("hex");
}
