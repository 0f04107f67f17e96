import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { loadKeyring, type MasterKey } from "./keyring.ts";

/**
 * Envelope encryption of stored credentials: each secret gets its own random data key
 * (AES-256-GCM), and the data key is wrapped by the master key (AES-256-GCM). The envelope
 * names the master key's id, so keys can be rotated without re-encrypting everything at once
 * (`npm run keys:rotate` re-seals every stored secret under the first key).
 *
 * Formats (base64url parts):
 * - `v2.<keyId>.<wrapIv>.<wrappedKey+tag>.<iv>.<ciphertext+tag>`: both seals carry the secret's
 *   `context` (table, column and row, see `secretContext`) as associated data, so an envelope
 *   copied into another row or column no longer opens.
 * - `v1....` (same parts, associated data without a context): written before v2; still opened,
 *   and upgraded by `keys:rotate`.
 */
const CURRENT = "v2";

export class DecryptionFailed extends Error {
  constructor(reason: string) {
    super(`Stored secret cannot be decrypted: ${reason}`);
    this.name = "DecryptionFailed";
  }
}

/** Where a secret is stored, as bound into its envelope: `<table>.<column>:<row key>`. */
export function secretContext(params: { table: string; column: string; rowKey: string }): string {
  return `${params.table}.${params.column}:${params.rowKey}`;
}

function seal(key: Buffer, plain: Buffer, aad: string): { iv: Buffer; sealed: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad));
  const sealed = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return { iv, sealed };
}

function open(key: Buffer, iv: Buffer, sealed: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
}

const b64 = (buffer: Buffer) => buffer.toString("base64url");

function associatedData(version: string, keyId: string, context: string | undefined): string {
  return version === "v1" ? `v1.${keyId}` : `${version}.${keyId}.${context ?? ""}`;
}

/**
 * Seals `plain` under the first key. `context` binds the envelope to where it is stored
 * (`secretContext`); the same context must be given to open it.
 */
export function encryptSecret(plain: string, keyring: MasterKey[] = loadKeyring(), context = ""): string {
  const master = keyring[0];
  if (!master) throw new Error("No encryption key configured.");
  const aad = associatedData(CURRENT, master.id, context);
  const dataKey = randomBytes(32);
  const wrapped = seal(master.key, dataKey, aad);
  const body = seal(dataKey, Buffer.from(plain, "utf8"), aad);
  return [CURRENT, master.id, b64(wrapped.iv), b64(wrapped.sealed), b64(body.iv), b64(body.sealed)].join(".");
}

export function decryptSecret(envelope: string, keyring: MasterKey[] = loadKeyring(), context = ""): string {
  const parts = envelope.split(".");
  const version = parts[0];
  if (parts.length !== 6 || (version !== "v1" && version !== CURRENT)) throw new DecryptionFailed("unknown format");
  const [, id, wrapIv, wrappedKey, iv, sealed] = parts as [string, string, string, string, string, string];
  const master = keyring.find((candidate) => candidate.id === id);
  if (!master) throw new DecryptionFailed(`key ${id} is not configured`);
  try {
    const aad = associatedData(version, id, context);
    const dataKey = open(master.key, Buffer.from(wrapIv, "base64url"), Buffer.from(wrappedKey, "base64url"), aad);
    return open(dataKey, Buffer.from(iv, "base64url"), Buffer.from(sealed, "base64url"), aad).toString("utf8");
  } catch {
    throw new DecryptionFailed("it was altered, belongs to another row, or the key is wrong");
  }
}

/** True when the envelope was sealed with an older key or format and should be re-sealed. */
export function needsReencryption(envelope: string, keyring: MasterKey[] = loadKeyring()): boolean {
  const [version, id] = envelope.split(".");
  return version !== CURRENT || id !== keyring[0]?.id;
}

/** Re-seals an envelope under the current key and format, bound to `context` (rotation). */
export function reencryptSecret(envelope: string, keyring: MasterKey[] = loadKeyring(), context = ""): string {
  return encryptSecret(decryptSecret(envelope, keyring, context), keyring, context);
}
