"use client";

import { useCallback, useState } from "react";
import { apiFetch, describeError } from "../api/api-fetch.ts";
import type { CalendarItem } from "../api/api-types.ts";
import { useLiveUpdates } from "../live/live-updates-provider.tsx";
import { useNotify } from "../ui/notice-area.tsx";
import { describeSyncResult, type SyncNowResult } from "./describe-sync-result.ts";

/**
 * "Sync now": pushes and pulls every enabled calendar and waits for the outcome, tells it
 * truthfully (describe-sync-result.ts), then refreshes what the page shows.
 */
export function useSyncNow(params: { calendars: CalendarItem[]; refresh: () => Promise<void> }): {
  syncing: boolean;
  syncNow: () => Promise<void>;
} {
  const notify = useNotify();
  const live = useLiveUpdates();
  const [syncing, setSyncing] = useState(false);
  const { calendars, refresh } = params;

  const syncNow = useCallback(async () => {
    setSyncing(true);
    const before = live.lastSeen()?.events ?? null;
    try {
      const result = await apiFetch<SyncNowResult>("/api/v1/sync?wait=true", { method: "POST" });
      const after = (await live.check())?.events ?? null;
      const notices = describeSyncResult({
        result,
        names: new Map(calendars.map((c) => [c.id, c.name])),
        viewChanged: before !== null && after !== null && before !== after,
      });
      for (const notice of notices) notify(notice);
    } catch (error) {
      notify({ kind: "error", text: `Sync failed: ${describeError(error)}` });
    } finally {
      setSyncing(false);
      await refresh();
    }
  }, [calendars, live, notify, refresh]);

  return { syncing, syncNow };
}
