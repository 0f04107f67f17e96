import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "../db/config.ts";

interface GeneratedSecrets {
  authSecret: string;
  encryptionKey: string;
}

let cached: GeneratedSecrets | undefined;

/**
 * Secrets the operator did not give (docs/api.md: "generated once into the data folder, with a
 * warning"). Written with mode 0600; losing the file makes stored credentials unreadable.
 */
export function generatedSecrets(): GeneratedSecrets {
  if (cached) return cached;
  const file = path.join(dataDir(), "secrets.json");
  if (existsSync(file)) {
    cached = JSON.parse(readFileSync(file, "utf8")) as GeneratedSecrets;
    return cached;
  }
  mkdirSync(dataDir(), { recursive: true });
  cached = { authSecret: randomBytes(32).toString("base64url"), encryptionKey: randomBytes(32).toString("base64") };
  writeFileSync(file, JSON.stringify(cached, null, 2), { mode: 0o600, flag: "wx" });
  console.warn(`Generated secrets into ${file}: back this file up (or set AUTH_SECRET and CONCORD_ENCRYPTION_KEY).`);
  return cached;
}

/** next-auth's signing secret: AUTH_SECRET, NEXTAUTH_SECRET, or the generated one. */
export function authSecret(): string {
  return process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET || generatedSecrets().authSecret;
}
