import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyId, loadKeyring } from "../../../lib/crypto/keyring.ts";
import {
  DecryptionFailed,
  decryptSecret,
  encryptSecret,
  needsReencryption,
  reencryptSecret,
} from "../../../lib/crypto/secret-box.ts";

const oldKey = randomBytes(32).toString("base64");
const newKey = randomBytes(32).toString("hex");

describe("secret box", () => {
  it("round-trips a secret and never stores it in clear", () => {
    const keyring = loadKeyring(oldKey);
    const secret = JSON.stringify({ username: "ada@icloud.com", password: "abcd-efgh-ijkl-mnop" });
    const envelope = encryptSecret(secret, keyring);
    expect(envelope).not.toContain("abcd-efgh");
    expect(envelope.split(".")[1]).toBe(keyId(Buffer.from(oldKey, "base64")));
    expect(decryptSecret(envelope, keyring)).toBe(secret);
    // Fresh data key and IV each time.
    expect(encryptSecret(secret, keyring)).not.toBe(envelope);
  });

  it("detects tampering with any part of the envelope", () => {
    const keyring = loadKeyring(oldKey);
    const envelope = encryptSecret("top secret", keyring);
    const parts = envelope.split(".");
    for (const index of [2, 3, 4, 5]) {
      const changed = [...parts];
      const bytes = Buffer.from(changed[index] as string, "base64url");
      bytes[0] = (bytes[0] as number) ^ 1;
      changed[index] = bytes.toString("base64url");
      expect(() => decryptSecret(changed.join("."), keyring)).toThrow(DecryptionFailed);
    }
    expect(() => decryptSecret("v1.nonsense", keyring)).toThrow(DecryptionFailed);
  });

  it("rotates: old envelopes still decrypt, new writes use the new key", () => {
    const before = loadKeyring(oldKey);
    const envelope = encryptSecret("app password", before);
    const rotated = loadKeyring(`${newKey},${oldKey}`);
    expect(decryptSecret(envelope, rotated)).toBe("app password");
    expect(needsReencryption(envelope, rotated)).toBe(true);
    const fresh = encryptSecret("another", rotated);
    expect(fresh.split(".")[1]).toBe(keyId(Buffer.from(newKey, "hex")));
    const resealed = reencryptSecret(envelope, rotated);
    expect(needsReencryption(resealed, rotated)).toBe(false);
    // Once the old key is dropped, only re-sealed envelopes open.
    const newOnly = loadKeyring(newKey);
    expect(decryptSecret(resealed, newOnly)).toBe("app password");
    expect(() => decryptSecret(envelope, newOnly)).toThrow(/not configured/);
  });

  it("refuses keys of the wrong size", () => {
    expect(() => loadKeyring(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
