import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { loadKeyring, type MasterKey } from "./keyring.ts";

/**
 * Envelope encryption of stored credentials: each secret gets its own random data key
 * (AES-256-GCM), and the data key is wrapped by the master key (AES-256-GCM). The envelope
 * names the master key's id, so keys can be rotated without re-encrypting everything at once.
 * Format: `v1.<keyId>.<wrapIv>.<wrappedKey+tag>.<iv>.<ciphertext+tag>` (base64url parts).
 */
const VERSION = "v1";

export class DecryptionFailed extends Error {
  constructor(reason: string) {
    super(`Stored secret cannot be decrypted: ${reason}`);
    this.name = "DecryptionFailed";
  }
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

export function encryptSecret(plain: string, keyring: MasterKey[] = loadKeyring()): string {
  const master = keyring[0];
  if (!master) throw new Error("No encryption key configured.");
  const dataKey = randomBytes(32);
  const wrapped = seal(master.key, dataKey, `${VERSION}.${master.id}`);
  const body = seal(dataKey, Buffer.from(plain, "utf8"), `${VERSION}.${master.id}`);
  return [VERSION, master.id, b64(wrapped.iv), b64(wrapped.sealed), b64(body.iv), b64(body.sealed)].join(".");
}

export function decryptSecret(envelope: string, keyring: MasterKey[] = loadKeyring()): string {
  const parts = envelope.split(".");
  if (parts.length !== 6 || parts[0] !== VERSION) throw new DecryptionFailed("unknown format");
  const [, id, wrapIv, wrappedKey, iv, sealed] = parts as [string, string, string, string, string, string];
  const master = keyring.find((candidate) => candidate.id === id);
  if (!master) throw new DecryptionFailed(`key ${id} is not configured`);
  try {
    const aad = `${VERSION}.${id}`;
    const dataKey = open(master.key, Buffer.from(wrapIv, "base64url"), Buffer.from(wrappedKey, "base64url"), aad);
    return open(dataKey, Buffer.from(iv, "base64url"), Buffer.from(sealed, "base64url"), aad).toString("utf8");
  } catch {
    throw new DecryptionFailed("it was altered or the key is wrong");
  }
}

/** True when the envelope was sealed with an older key and should be re-encrypted. */
export function needsReencryption(envelope: string, keyring: MasterKey[] = loadKeyring()): boolean {
  return envelope.split(".")[1] !== keyring[0]?.id;
}

/** Re-seals an envelope under the current key (rotation). */
export function reencryptSecret(envelope: string, keyring: MasterKey[] = loadKeyring()): string {
  return encryptSecret(decryptSecret(envelope, keyring), keyring);
}
