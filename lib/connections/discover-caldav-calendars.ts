/**
 * Checks CalDAV credentials by discovering the account's calendars (RFC 6764 / RFC 4791 §6),
 * before anything is stored, and turns each way it can fail into a sentence a person can act
 * on (docs/api.md: 422 invalid_credentials / server_unreachable / not_caldav).
 */
import { AppError } from "../errors/app-error.ts";
import { RemoteReadFailed } from "../net/remote-read-failed.ts";
import { AuthRevoked, NotCalDav, ProviderError, RateLimited, RemoteUnavailable } from "../providers/errors.ts";
import type { CalendarProvider, RemoteCalendar } from "../providers/types.ts";

const APP_PASSWORD_HINT =
  "iCloud needs an app-specific password, not your Apple ID password: create one at appleid.apple.com under " +
  "Sign-In and Security > App-Specific Passwords (it unlocks your whole iCloud account, so keep it private).";

export async function discoverCaldavCalendars(params: {
  provider: CalendarProvider;
  serverUrl: string;
  isIcloud: boolean;
}): Promise<RemoteCalendar[]> {
  const host = new URL(params.serverUrl).host;
  try {
    return await params.provider.listCalendars();
  } catch (error) {
    if (error instanceof AuthRevoked) {
      throw new AppError(
        "invalid_credentials",
        params.isIcloud
          ? `Apple refused this Apple ID and password. ${APP_PASSWORD_HINT}`
          : `${host} refused this username and password; check both and try again.`,
        { cause: error },
      );
    }
    if (error instanceof RateLimited) {
      throw new AppError("rate_limited", `${host} asks us to slow down; try again in a minute.`, { cause: error });
    }
    if (error instanceof RemoteUnavailable && error.cause instanceof RemoteReadFailed) {
      // Slow or oversized: the bound it crossed and the host, never a path or credentials.
      throw new AppError(
        "server_unreachable",
        `The server ${error.cause.message}; check the server address and that the server is working, then try again.`,
        { cause: error },
      );
    }
    if (error instanceof RemoteUnavailable) {
      throw new AppError(
        "server_unreachable",
        `Could not reach ${host}: check the server address and that the server is running, then try again.`,
        { cause: error },
      );
    }
    if (error instanceof NotCalDav || error instanceof ProviderError) {
      throw new AppError(
        "not_caldav",
        `${host} answered, but not as a CalDAV calendar server. Check the address: some servers need the full ` +
          "CalDAV path (for example https://cloud.example.com/remote.php/dav/).",
        { cause: error },
      );
    }
    throw error;
  }
}
