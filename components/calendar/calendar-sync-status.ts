/**
 * One line about a calendar's sync, shared by the sidebar and the Accounts page: progress while
 * a pull runs ("Syncing… 1,200 events received, 800 saved"), the failure and its reason, held
 * deletions, or how many events it holds and when it last synced.
 */
import type { CalendarItem } from "../api/api-types.ts";
import { formatRelative } from "./format-relative.ts";

export interface SyncStatusLine {
  tone: "busy" | "error" | "warn" | "ok";
  text: string;
}

function events(count: number): string {
  return `${count.toLocaleString("en")} event${count === 1 ? "" : "s"}`;
}

export function calendarSyncStatus(params: { calendar: CalendarItem; now: number }): SyncStatusLine {
  const { calendar, now } = params;
  if (calendar.syncState === "syncing") {
    const progress = calendar.progress;
    if (progress && progress.received > 0) {
      const saved = progress.saved > 0 ? `, ${progress.saved.toLocaleString("en")} saved` : "";
      return { tone: "busy", text: `Syncing… ${events(progress.received)} received${saved}` };
    }
    return { tone: "busy", text: "Syncing…" };
  }
  if (calendar.syncState === "error") {
    return { tone: "error", text: `Sync failed: ${calendar.syncError ?? "unknown error"}` };
  }
  if (calendar.syncState === "held") return { tone: "warn", text: "Deletions held" };
  if (!calendar.lastSyncedAt) return { tone: "ok", text: "Not synced yet" };
  const count = calendar.eventCount !== undefined ? `${events(calendar.eventCount)} · ` : "";
  return { tone: "ok", text: `${count}Synced ${formatRelative({ iso: calendar.lastSyncedAt, now })}` };
}
