/**
 * The messages "Sync now" shows for the answer of `POST /api/v1/sync?wait=true`: a failed
 * calendar is an error naming it and the reason (never folded into "0 new"), the counts are
 * those of the pull this click ran, and "nothing new" says whether the view still changed
 * (an earlier background pull had already brought changes in, which this pull then cannot count).
 */
export interface SyncNowCalendarResult {
  calendarId: string;
  name?: string;
  created: number;
  updated: number;
  deleted: number;
  conflicts: number;
  held?: number;
  unsent?: number;
  error?: string;
}

export interface SyncNowResult {
  created?: number;
  updated?: number;
  deleted?: number;
  conflicts?: number;
  calendars?: SyncNowCalendarResult[];
}

export interface SyncNotice {
  kind: "info" | "error";
  text: string;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function describeSyncResult(params: {
  result: SyncNowResult;
  /** Calendar names by id, for answers from servers that do not name them. */
  names: Map<string, string>;
  /** The person's data changed since this tab last loaded it (the live tokens moved). */
  viewChanged: boolean;
}): SyncNotice[] {
  const { result } = params;
  const calendars = result.calendars ?? [];
  const nameOf = (item: SyncNowCalendarResult) => `“${item.name ?? params.names.get(item.calendarId) ?? "a calendar"}”`;
  const notices: SyncNotice[] = [];

  const failed = calendars.filter((item) => item.error);
  if (failed.length > 0) {
    const reasons = failed.map((item) => `${nameOf(item)}: ${item.error}`).join(" ");
    notices.push({
      kind: "error",
      text: `Sync failed for ${failed.length === 1 ? "" : `${failed.length} calendars — `}${reasons}`,
    });
  }
  for (const item of calendars.filter((c) => (c.unsent ?? 0) > 0 && !c.error)) {
    notices.push({
      kind: "error",
      text: `${plural(item.unsent ?? 0, "change", "changes")} to ${nameOf(item)} could not be sent yet; Concord tries again.`,
    });
  }

  const counts = {
    created: result.created ?? 0,
    updated: result.updated ?? 0,
    deleted: result.deleted ?? 0,
    conflicts: result.conflicts ?? 0,
  };
  const parts = [
    counts.created && `${counts.created} new`,
    counts.updated && `${counts.updated} changed`,
    counts.deleted && `${counts.deleted} removed`,
    counts.conflicts && plural(counts.conflicts, "conflict", "conflicts"),
  ].filter(Boolean);
  const synced = calendars.length - failed.length;
  if (parts.length > 0) {
    notices.push({ kind: "info", text: `Sync finished: ${parts.join(", ")}.` });
  } else if (synced > 0 || calendars.length === 0) {
    const others = synced === 1 ? "The other calendar is" : `The other ${synced} calendars are`;
    const scope = failed.length > 0 ? `${others} up to date` : "Up to date";
    notices.push({
      kind: "info",
      text: params.viewChanged
        ? `${scope}: nothing new on the servers. The view now shows the changes made since it last refreshed.`
        : `${scope}: nothing new on the servers.`,
    });
  }
  return notices;
}
