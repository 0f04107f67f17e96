/**
 * POST /api/v1/connections for CalDAV and iCloud: check the credentials and discover the
 * calendars first, store only what worked, then queue the initial sync (docs/api.md "Connections").
 */
import { AppError } from "../errors/app-error.ts";
import { createCaldavProvider } from "../providers/caldav.ts";
import { createIcloudProvider, ICLOUD_SERVER_URL } from "../providers/icloud.ts";
import type { CalendarProvider } from "../providers/types.ts";
import { sendEvent } from "../queue/send-event.ts";
import { discoverCaldavCalendars } from "./discover-caldav-calendars.ts";
import { storeConnection, type StoredConnection } from "./store-connection.ts";

export interface ConnectCaldavInput {
  provider: "caldav" | "icloud";
  /** Required for `caldav`; ignored for `icloud` (Apple's server is fixed). */
  serverUrl?: string;
  username: string;
  password: string;
}

function hasUserInfo(serverUrl: string): boolean {
  try {
    const url = new URL(serverUrl);
    return url.username !== "" || url.password !== "";
  } catch {
    return false;
  }
}

export async function connectCaldavAccount(params: {
  userId: string;
  input: ConnectCaldavInput;
  /** Replaces the adapter factory (tests). */
  createProvider?: (options: { serverUrl: string; username: string; password: string }) => CalendarProvider;
}): Promise<StoredConnection> {
  const { input } = params;
  const isIcloud = input.provider === "icloud";
  const serverUrl = isIcloud ? ICLOUD_SERVER_URL : input.serverUrl;
  if (!serverUrl) throw new AppError("validation_failed", "A CalDAV connection needs the server address.");
  if (hasUserInfo(serverUrl)) {
    // Stored in the address, a password would be shown wherever the address is.
    throw new AppError(
      "validation_failed",
      "The server address contains a username or password: enter them in their own fields and leave the address without them.",
    );
  }
  const credentials = { username: input.username, password: input.password };
  const createProvider =
    params.createProvider ??
    ((options: { serverUrl: string; username: string; password: string }) =>
      isIcloud ? createIcloudProvider(options) : createCaldavProvider(options));
  const provider = createProvider({ serverUrl, ...credentials });
  const calendars = await discoverCaldavCalendars({ provider, serverUrl, isIcloud });

  const stored = await storeConnection({
    userId: params.userId,
    provider: isIcloud ? "ICLOUD" : "CALDAV",
    serverUrl,
    accountName: input.username,
    credentials: { kind: "password", ...credentials },
    calendars,
  });
  await sendEvent({ name: "concord/connection.initial-sync", data: { connectionId: stored.connection.id } });
  return stored;
}
