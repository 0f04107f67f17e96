import type { calendar_v3 } from "@googleapis/calendar";
import type { GoogleContext } from "./google-context.ts";
import { runGoogle } from "./google-context.ts";
import type { GoogleEvent } from "./google-event.ts";

/** Google's maximum page size (events.list `maxResults`). */
const PAGE_SIZE = 2500;

/**
 * events.list across every page with identical parameters (Google sync guide: repeat the exact
 * query plus pageToken), masters and exceptions unexpanded, deletions included. Returns the
 * sync token of the last page only.
 */
export async function listAllEvents(
  ctx: GoogleContext,
  params: { calendarId: string; syncToken?: string; iCalUID?: string },
): Promise<{ items: GoogleEvent[]; nextSyncToken: string | null }> {
  const items: GoogleEvent[] = [];
  let pageToken: string | undefined;
  for (;;) {
    const query: calendar_v3.Params$Resource$Events$List = {
      calendarId: params.calendarId,
      singleEvents: false,
      showDeleted: true,
      maxResults: PAGE_SIZE,
      ...(params.syncToken ? { syncToken: params.syncToken } : {}),
      ...(params.iCalUID ? { iCalUID: params.iCalUID } : {}),
      ...(pageToken ? { pageToken } : {}),
    };
    const page = await runGoogle(ctx, () => ctx.api.events.list(query), { hasSyncToken: Boolean(params.syncToken) });
    items.push(...((page.items ?? []) as GoogleEvent[]));
    if (page.nextPageToken) {
      pageToken = page.nextPageToken;
      continue;
    }
    return { items, nextSyncToken: page.nextSyncToken ?? null };
  }
}
