/** Shapes of the /api/v1 responses the browser UI reads (docs/api.md). Extra fields are tolerated. */

export type ProviderName = "google" | "icloud" | "caldav";

export interface ConnectionItem {
  id: string;
  provider: ProviderName;
  accountName: string;
  serverUrl: string | null;
  status: "active" | "needs_reauth" | "error";
  lastError: string | null;
  createdAt: string;
}

export interface CalendarItem {
  id: string;
  connectionId: string;
  provider: ProviderName;
  name: string;
  color: string | null;
  timeZone: string | null;
  readOnly: boolean;
  enabled: boolean;
  lastSyncedAt: string | null;
  syncState: "ok" | "syncing" | "held" | "error";
  syncError: string | null;
  /** Events stored for this calendar (a series counts once). */
  eventCount?: number;
  /** While a pull runs: remote objects received so far, and how many of them are saved. */
  progress?: { received: number; saved: number } | null;
}

export interface Occurrence {
  id: string;
  eventId: string;
  calendarId: string;
  /** Every calendar of the person holding this meeting (same iCalendar UID), when more than one. */
  calendarIds?: string[];
  title: string;
  start: string;
  end: string;
  allDay: boolean;
  timeZone: string | null;
  location: string | null;
  description: string | null;
  recurrence?: string[] | null;
  recurringEventId?: string | null;
  originalStart?: string | null;
  status: "confirmed" | "tentative" | "cancelled";
  syncState: "synced" | "pending" | "conflict";
  readOnly: boolean;
  etag: string | null;
  /** Present when the payload lists attendees; moving then warns (docs/design.md "Moving"). */
  hasAttendees?: boolean;
  /** The series' rule could not be worked out within Concord's limits: only its first occurrence is listed. */
  recurrenceTooComplex?: boolean;
  attendees?: unknown[];
}

export type ConflictFieldVersion = Record<string, unknown> | null;

export interface ConflictItem {
  id: string;
  eventId: string;
  calendarId: string;
  kind: "edit_edit" | "edit_delete" | "delete_edit";
  fields: string[];
  base: ConflictFieldVersion;
  local: ConflictFieldVersion;
  remote: ConflictFieldVersion;
  createdAt: string;
}

export interface TokenItem {
  id: string;
  name: string | null;
  prefix?: string;
  lastUsedAt?: string | null;
  /** After this instant the token no longer works; null = never expires. */
  expiresAt?: string | null;
  createdAt: string;
}

/** `GET /api/v1/trash` items: the server's own type, imported as a type only (nothing of lib runs here). */
export type { TrashItem } from "@/lib/trash/list-trash.ts";
