/**
 * The consent callback's work: exchange the code, read the account's calendars (read-only by
 * access role), store the connection — reconnecting the same Google account of the same user
 * updates its credentials and makes it ACTIVE again instead of adding a second one — then open
 * push channels and queue the initial sync (docs/api.md "Connections").
 */
import { storeConnection, type StoredConnection } from "../connections/store-connection.ts";
import { sendEvent } from "../queue/send-event.ts";
import { createGoogleProvider, exchangeGoogleCode } from "../providers/google.ts";
import type { GoogleAppConfig } from "../config/google-app-config.ts";
import { startConnectionChannels } from "./start-connection-channels.ts";

export async function connectGoogleAccount(params: {
  userId: string;
  code: string;
  config: GoogleAppConfig;
}): Promise<StoredConnection> {
  const { config } = params;
  const { credentials, email } = await exchangeGoogleCode({
    code: params.code,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    redirectUri: config.redirectUri,
  });
  let latest = credentials;
  const provider = createGoogleProvider({
    credentials,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    onCredentialsChanged: async (refreshed) => {
      latest = refreshed;
    },
  });
  const calendars = await provider.listCalendars();
  const stored = await storeConnection({
    userId: params.userId,
    provider: "GOOGLE",
    serverUrl: null,
    accountName: email,
    credentials: latest,
    calendars,
  });
  await startConnectionChannels({ connectionId: stored.connection.id, provider });
  await sendEvent({ name: "concord/connection.initial-sync", data: { connectionId: stored.connection.id } });
  return stored;
}
