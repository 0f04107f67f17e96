import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { keyId, loadKeyring } from "../../../lib/crypto/keyring.ts";
import {
  DecryptionFailed,
  decryptSecret,
  encryptSecret,
  needsReencryption,
  reencryptSecret,
  secretContext,
} from "../../../lib/crypto/secret-box.ts";

const v1Fixture = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../fixtures/crypto/v1-envelope.json"), "utf8"),
) as { key: string; plain: string; envelope: string };
const rowA = secretContext({ table: "Connection", column: "credentials", rowKey: "row-a" });
const rowB = secretContext({ table: "Connection", column: "credentials", rowKey: "row-b" });

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

  it("binds an envelope to its row: it opens only with the context it was sealed for", () => {
    const keyring = loadKeyring(oldKey);
    const a = encryptSecret("secret of A", keyring, rowA);
    const b = encryptSecret("secret of B", keyring, rowB);
    expect(a.startsWith("v2.")).toBe(true);
    expect(decryptSecret(a, keyring, rowA)).toBe("secret of A");
    // Swapped between rows (or read as another column): refused, never the other row's secret.
    expect(() => decryptSecret(a, keyring, rowB)).toThrow(DecryptionFailed);
    expect(() => decryptSecret(b, keyring, rowA)).toThrow(DecryptionFailed);
    expect(() => decryptSecret(a, keyring)).toThrow(DecryptionFailed);
    // A forged version label cannot drop the binding either.
    expect(() => decryptSecret(a.replace(/^v2\./, "v1."), keyring)).toThrow(DecryptionFailed);
  });

  it("still opens v1 envelopes written before row binding, and upgrades them on re-sealing", () => {
    const keyring = loadKeyring(v1Fixture.key);
    expect(decryptSecret(v1Fixture.envelope, keyring, rowA)).toBe(v1Fixture.plain);
    expect(needsReencryption(v1Fixture.envelope, keyring)).toBe(true);
    const upgraded = reencryptSecret(v1Fixture.envelope, keyring, rowA);
    expect(upgraded.startsWith("v2.")).toBe(true);
    expect(needsReencryption(upgraded, keyring)).toBe(false);
    expect(decryptSecret(upgraded, keyring, rowA)).toBe(v1Fixture.plain);
    expect(() => decryptSecret(upgraded, keyring, rowB)).toThrow(DecryptionFailed);
  });

  it("refuses keys of the wrong size", () => {
    expect(() => loadKeyring(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
