import { createHash } from "node:crypto";
import { GoogleHttpError, badRequest } from "./http-utils.ts";
import type { CalendarRecord } from "./store.ts";

/**
 * Sync and page tokens are opaque to clients (Google sync guide). Here they carry the change
 * counter they were issued at, so a page token reads one consistent snapshot and a sync token
 * names the point the next incremental pull continues from.
 */
interface SyncTokenData {
  c: string;
  s: number;
  g: number;
}

interface PageTokenData {
  c: string;
  /** Snapshot: the clock when the listing started. */
  s: number;
  /** Offset of the next item in the snapshot's ordered result. */
  o: number;
  /** Hash of every other query parameter: a page token only continues the same query. */
  k: string;
}

const SYNC_PREFIX = "CPsy";
const PAGE_PREFIX = "EpAg";

function encode(prefix: string, data: unknown): string {
  return prefix + Buffer.from(JSON.stringify(data)).toString("base64url");
}

function decode<T>(prefix: string, token: string): T | null {
  if (!token.startsWith(prefix)) return null;
  try {
    return JSON.parse(Buffer.from(token.slice(prefix.length), "base64url").toString("utf8")) as T;
  } catch {
    return null;
  }
}

export function encodeSyncToken(calendar: CalendarRecord, seq: number): string {
  return encode(SYNC_PREFIX, { c: calendar.id, s: seq, g: calendar.tokenGeneration } satisfies SyncTokenData);
}

/**
 * The clock value a sync token was issued at. A token that does not parse answers 400
 * "Invalid sync token value." (observed, kewisch/gdata-provider); one of an invalidated
 * generation answers 410 `fullSyncRequired` (Google sync guide).
 */
export function decodeSyncToken(calendar: CalendarRecord, token: string): number {
  const data = decode<SyncTokenData>(SYNC_PREFIX, token);
  if (!data || data.c !== calendar.id || typeof data.s !== "number") throw badRequest("Invalid sync token value.");
  if (data.g !== calendar.tokenGeneration) {
    throw new GoogleHttpError({
      status: 410,
      reason: "fullSyncRequired",
      message: "Sync token is no longer valid, a full sync is required.",
    });
  }
  return data.s;
}

export function queryKey(query: URLSearchParams): string {
  const entries = [...query.entries()].filter(([name]) => name !== "pageToken").sort(([a], [b]) => a.localeCompare(b));
  return createHash("sha256").update(JSON.stringify(entries)).digest("base64url").slice(0, 16);
}

export function encodePageToken(data: PageTokenData): string {
  return encode(PAGE_PREFIX, data);
}

export function decodePageToken(params: { calendar: CalendarRecord; token: string; key: string }): {
  snapshot: number;
  offset: number;
} {
  const data = decode<PageTokenData>(PAGE_PREFIX, params.token);
  if (!data || data.c !== params.calendar.id) throw badRequest("Invalid page token value.");
  if (data.k !== params.key) throw badRequest("The page token was issued for a different query.");
  return { snapshot: data.s, offset: data.o };
}
