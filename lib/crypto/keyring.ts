import { createHash } from "node:crypto";
import { generatedSecrets } from "../config/generated-secrets.ts";

export interface MasterKey {
  /** Short id stored in every envelope, derived from the key itself. */
  id: string;
  key: Buffer;
}

function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) {
    throw new Error("CONCORD_ENCRYPTION_KEY must be 32 bytes, as 64 hex digits or base64.");
  }
  return key;
}

export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 12);
}

/**
 * Master keys, newest first. CONCORD_ENCRYPTION_KEY may list several keys separated by commas:
 * the first encrypts, all decrypt — rotate by putting a new key first, re-encrypting, then
 * dropping the old one. Without the variable, a key generated once into the data folder is used.
 */
export function loadKeyring(source = process.env.CONCORD_ENCRYPTION_KEY): MasterKey[] {
  const texts = source ? source.split(",").filter((part) => part.trim()) : [generatedSecrets().encryptionKey];
  return texts.map((text) => {
    const key = parseKey(text);
    return { id: keyId(key), key };
  });
}
