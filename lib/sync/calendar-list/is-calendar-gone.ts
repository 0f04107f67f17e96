/**
 * Whether the server itself says a calendar is gone. A calendar missing from a listing is not
 * proof: a listing can be partial (a collection the server failed to describe, a shared
 * calendar briefly hidden), so the calendar is asked for its changes from its stored cursor —
 * one cheap request — and only a 404 or 410 answer counts as gone. Anything else (it answers,
 * the server is down, the cursor is refused) keeps it.
 */
import type { Calendar } from "../../db/generated/client.ts";
import { ProviderError } from "../../providers/errors.ts";
import type { CalendarProvider } from "../../providers/types.ts";
import { storedCursor } from "../pull/fetch-remote-changes.ts";

export async function isCalendarGone(params: { provider: CalendarProvider; calendar: Calendar }): Promise<boolean> {
  const { calendar } = params;
  try {
    await params.provider.pull({
      calendar: {
        remoteId: calendar.remoteId,
        remoteUrl: calendar.remoteUrl,
        supportsSyncCollection: calendar.supportsSyncCollection,
      },
      cursor: storedCursor(calendar),
    });
    return false;
  } catch (error) {
    return error instanceof ProviderError && (error.status === 404 || error.status === 410);
  }
}
