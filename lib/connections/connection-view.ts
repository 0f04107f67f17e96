/** A Connection row as API.md "Connections" shows it: never the credentials. */
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

export function toConnectionView(connection: Connection): ConnectionView {
  return {
    id: connection.id,
    provider: providerNameOf(connection.provider),
    accountName: connection.accountName,
    serverUrl: connection.serverUrl,
    status: connection.status.toLowerCase() as ConnectionView["status"],
    lastError: connection.lastError,
    createdAt: connection.createdAt.toISOString(),
  };
}
