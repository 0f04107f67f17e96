/**
 * Builds the provider adapter for a stored connection: decrypts its credentials, picks the
 * adapter by provider, and persists refreshed OAuth tokens (re-encrypted) when the adapter
 * reports them. Adapters never touch the database themselves (docs/design.md, "Layers").
 */
import { db } from "../db/client.ts";
import { AppError } from "../errors/app-error.ts";
import { openCredentials, sealCredentials } from "./connection-credentials.ts";
import type { Connection } from "../db/generated/client.ts";
import { createCaldavProvider } from "../providers/caldav.ts";
import { createGoogleProvider } from "../providers/google.ts";
import { createIcloudProvider, ICLOUD_SERVER_URL } from "../providers/icloud.ts";
import type { CalendarProvider, ConnectionCredentials } from "../providers/types.ts";

type ConnectionFields = Pick<Connection, "id" | "provider" | "serverUrl" | "credentials">;

function passwordCredentials(credentials: ConnectionCredentials): { username: string; password: string } {
  if (credentials.kind !== "password") {
    throw new AppError("internal", "The stored sign-in of this account has the wrong form; reconnect it.");
  }
  return { username: credentials.username, password: credentials.password };
}

export async function providerForConnection(params: { connection: ConnectionFields }): Promise<CalendarProvider> {
  const { connection } = params;
  const credentials = openCredentials(connection.credentials, connection.id);
  switch (connection.provider) {
    case "CALDAV":
      if (!connection.serverUrl) throw new AppError("internal", "This CalDAV account has no server address.");
      return createCaldavProvider({ serverUrl: connection.serverUrl, ...passwordCredentials(credentials) });
    case "ICLOUD":
      return createIcloudProvider({
        serverUrl: connection.serverUrl ?? ICLOUD_SERVER_URL,
        ...passwordCredentials(credentials),
      });
    case "GOOGLE":
      return googleProvider({ connection, credentials });
  }
}

function googleProvider(params: {
  connection: ConnectionFields;
  credentials: ConnectionCredentials;
}): CalendarProvider {
  const { connection, credentials } = params;
  if (credentials.kind !== "oauth") {
    throw new AppError("internal", "The stored sign-in of this Google account has the wrong form; reconnect it.");
  }
  const clientId = process.env.GOOGLE_CLIENT_ID;
  const clientSecret = process.env.GOOGLE_CLIENT_SECRET;
  if (!clientId || !clientSecret) {
    // People read this in their sync status; the operator's set-up is in the deployment docs.
    throw new AppError("provider_failed", "Google is not enabled on this server; ask its operator.");
  }
  return createGoogleProvider({
    credentials,
    clientId,
    clientSecret,
    // Google may rotate the refresh token too; the adapter passes the one to keep.
    onCredentialsChanged: (refreshed) =>
      saveRefreshedCredentials({ connectionId: connection.id, credentials: refreshed }),
  });
}

/** Stores refreshed credentials, encrypted, so the next run starts from them. */
export async function saveRefreshedCredentials(params: {
  connectionId: string;
  credentials: ConnectionCredentials;
}): Promise<void> {
  await db().connection.update({
    where: { id: params.connectionId },
    data: { credentials: sealCredentials(params.credentials, params.connectionId) },
  });
}
