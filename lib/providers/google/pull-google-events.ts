import type { Cursor, PullResult, RemoteChange } from "../types.ts";
import { fetchGoogleSeries } from "./fetch-google-series.ts";
import type { GoogleSeries } from "./fetch-google-series.ts";
import type { GoogleContext } from "./google-context.ts";
import type { GoogleEvent } from "./google-event.ts";
import { seriesIdOf } from "./google-event.ts";
import { googleSeriesToIcal, seriesEtag } from "./google-series-to-ical.ts";
import { listAllEvents } from "./list-all-events.ts";

/** One series (or single event) as the upsert the engine stores. */
export function seriesToChange(series: GoogleSeries): RemoteChange {
  return {
    type: "upsert",
    ref: series.master.id ?? "",
    etag: seriesEtag(series.master, series.exceptions),
    ical: googleSeriesToIcal(series),
  };
}

function groupBySeries(items: GoogleEvent[]): Map<string, GoogleEvent[]> {
  const groups = new Map<string, GoogleEvent[]>();
  for (const item of items) {
    const key = seriesIdOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

/** Full listing: every live series with its exceptions is in the result already. */
function fullChanges(groups: Map<string, GoogleEvent[]>): RemoteChange[] {
  const changes: RemoteChange[] = [];
  for (const [id, members] of groups) {
    const master = members.find((m) => m.id === id);
    // Deleted items, and exceptions of series we cannot see, are not part of the calendar.
    if (!master || master.status === "cancelled") continue;
    changes.push(seriesToChange({ master, exceptions: members.filter((m) => m !== master) }));
  }
  return changes;
}

/**
 * Incremental: a cancelled master or single event is a deletion (sync guide; only `id` is
 * guaranteed). Any change touching a recurring series re-reads the whole series, so each upsert
 * carries the complete object even when the master itself did not change.
 */
async function incrementalChanges(
  ctx: GoogleContext,
  calendarId: string,
  groups: Map<string, GoogleEvent[]>,
): Promise<RemoteChange[]> {
  const changes: RemoteChange[] = [];
  for (const [id, members] of groups) {
    const master = members.find((m) => m.id === id);
    if (master?.status === "cancelled") {
      changes.push({ type: "delete", ref: id });
      continue;
    }
    if (master && !master.recurrence?.length && members.length === 1) {
      changes.push(seriesToChange({ master, exceptions: [] }));
      continue;
    }
    const series = await fetchGoogleSeries(ctx, {
      calendarId,
      masterId: id,
      known: master?.recurrence?.length ? master : undefined,
    });
    changes.push(series ? seriesToChange(series) : { type: "delete", ref: id });
  }
  return changes;
}

/**
 * Changes since `cursor` (Google sync guide): null or token-less cursor = full listing. The
 * sync token is kept only from the last page; 410 / 400 "Invalid sync token value." surface as
 * CursorExpired from the call layer.
 */
export async function pullGoogleEvents(
  ctx: GoogleContext,
  params: { calendarId: string; cursor: Cursor | null },
): Promise<PullResult> {
  const before = ctx.callContext.counter.requests;
  const syncToken = params.cursor?.syncToken ?? undefined;
  const { items, nextSyncToken } = await listAllEvents(ctx, { calendarId: params.calendarId, syncToken });
  const groups = groupBySeries(items);
  const changes = syncToken ? await incrementalChanges(ctx, params.calendarId, groups) : fullChanges(groups);
  return {
    changes,
    cursor: { syncToken: nextSyncToken },
    isFullListing: !syncToken,
    unchanged: Boolean(syncToken) && items.length === 0,
    requests: ctx.callContext.counter.requests - before,
  };
}
