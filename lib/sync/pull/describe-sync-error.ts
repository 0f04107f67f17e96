/**
 * A sentence for Calendar.syncError / SyncRun.error. Provider errors carry no credentials by
 * contract (lib/providers/errors.ts), AppError messages are written for people; anything else
 * is named by its class only, since its message may quote request data.
 */
import { AppError } from "../../errors/app-error.ts";
import { AuthRevoked, ProviderError, RateLimited } from "../../providers/errors.ts";

export function describeSyncError(error: unknown): string {
  if (error instanceof AuthRevoked) return "The account refused the stored sign-in; reconnect it to resume syncing.";
  if (error instanceof RateLimited) return "The calendar provider asked us to slow down; the next sync will retry.";
  if (error instanceof ProviderError || error instanceof AppError) return error.message.slice(0, 1000);
  return `Unexpected ${error instanceof Error ? error.name : "error"} while syncing.`;
}
