/**
 * Stored connection credentials: `ConnectionCredentials` as JSON inside a lib/crypto envelope.
 * Only these two functions see the plain form.
 */
import { decryptSecret, encryptSecret } from "../crypto/secret-box.ts";
import type { ConnectionCredentials } from "../providers/types.ts";

export function sealCredentials(credentials: ConnectionCredentials): string {
  return encryptSecret(JSON.stringify(credentials));
}

export function openCredentials(envelope: string): ConnectionCredentials {
  return JSON.parse(decryptSecret(envelope)) as ConnectionCredentials;
}
