/**
 * A sentence for Calendar.syncError / SyncRun.error. Provider errors carry no credentials by
 * contract (lib/providers/errors.ts), AppError messages are written for people; anything else
 * is named by its class only, since its message may quote request data.
 */
import { AppError } from "../../errors/app-error.ts";
import { AuthRevoked, ProviderError, RateLimited, RemoteUnavailable } from "../../providers/errors.ts";

export function describeSyncError(error: unknown): string {
  if (error instanceof AuthRevoked) return "The account refused the stored sign-in; reconnect it to resume syncing.";
  if (error instanceof RateLimited) return "The calendar provider asked us to slow down; the next sync will retry.";
  // The adapter's detail says which request failed; the sentence around it says what it means.
  if (error instanceof RemoteUnavailable) {
    return `The server could not be reached or did not answer properly (${error.message.slice(0, 900)}). The next sync tries again.`;
  }
  if (error instanceof ProviderError || error instanceof AppError) return error.message.slice(0, 1000);
  return `Unexpected ${error instanceof Error ? error.name : "error"} while syncing.`;
}
