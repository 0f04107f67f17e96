/** A Connection row as docs/api.md "Connections" shows it: never the credentials. */
import type { Connection } from "../db/generated/client.ts";
import type { ProviderName } from "../providers/types.ts";
import { providerNameOf } from "./provider-name-of.ts";

export interface ConnectionView {
  id: string;
  provider: ProviderName;
  accountName: string;
  serverUrl: string | null;
  status: "active" | "needs_reauth" | "error";
  lastError: string | null;
  createdAt: string;
}

/** The address without any `user:password@` (connections stored before such addresses were refused). */
function withoutUserInfo(serverUrl: string | null): string | null {
  if (!serverUrl || !URL.canParse(serverUrl)) return serverUrl;
  const url = new URL(serverUrl);
  if (!url.username && !url.password) return serverUrl;
  url.username = "";
  url.password = "";
  return url.toString();
}

export function toConnectionView(connection: Connection): ConnectionView {
  return {
    id: connection.id,
    provider: providerNameOf(connection.provider),
    accountName: connection.accountName,
    serverUrl: withoutUserInfo(connection.serverUrl),
    status: connection.status.toLowerCase() as ConnectionView["status"],
    lastError: connection.lastError,
    createdAt: connection.createdAt.toISOString(),
  };
}
