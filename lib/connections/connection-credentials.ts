/**
 * Stored connection credentials: `ConnectionCredentials` as JSON inside a lib/crypto envelope
 * bound to its row (`Connection.credentials` of `connectionId`), so an envelope copied into
 * another connection does not open there. Only these functions see the plain form.
 */
import { decryptSecret, encryptSecret, secretContext } from "../crypto/secret-box.ts";
import type { MasterKey } from "../crypto/keyring.ts";
import { loadKeyring } from "../crypto/keyring.ts";
import type { ConnectionCredentials } from "../providers/types.ts";

export function connectionCredentialsContext(connectionId: string): string {
  return secretContext({ table: "Connection", column: "credentials", rowKey: connectionId });
}

export function sealCredentials(
  credentials: ConnectionCredentials,
  connectionId: string,
  keyring: MasterKey[] = loadKeyring(),
): string {
  return encryptSecret(JSON.stringify(credentials), keyring, connectionCredentialsContext(connectionId));
}

export function openCredentials(
  envelope: string,
  connectionId: string,
  keyring: MasterKey[] = loadKeyring(),
): ConnectionCredentials {
  return JSON.parse(
    decryptSecret(envelope, keyring, connectionCredentialsContext(connectionId)),
  ) as ConnectionCredentials;
}
