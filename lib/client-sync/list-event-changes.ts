/**
 * GET /api/v1/sync/events: the Google-style sync API of the seed, served over all of the user's
 * calendars (docs/client-sync.md).
 *
 * - Without a sync token: every current event (series as masters), as one snapshot. The first
 *   page fixes snapshotSeq = the user's latest change number; every page lists rows with
 *   changeSeq <= snapshotSeq in changeSeq order. A row written while the client pages gets a
 *   number above the snapshot: it leaves this listing and is in the next incremental answer,
 *   so nothing is lost and nothing is listed twice.
 * - With a sync token: only rows changed after its number (and <= the snapshot), deletions as
 *   `{id, status: "cancelled"}`, paged the same way.
 * Only the last page carries nextSyncToken (= snapshotSeq); the others carry nextPageToken.
 * Every query walks an index on (userId, changeSeq), so the cost follows the number of changes.
 */
import { db } from "../db/client.ts";
import { serializeEvent, type ApiEvent } from "../events/serialize-event.ts";
import { AppError } from "../errors/app-error.ts";
import { readEventRows } from "./read-event-rows.ts";
import { readLatestChangeSeq, readSyncHorizon } from "./read-sync-horizon.ts";
import { checkPageSize, DEFAULT_PAGE_SIZE } from "./read-sync-query.ts";
import {
  decodePageToken,
  decodeSyncToken,
  encodePageToken,
  encodeSyncToken,
  syncTokenExpired,
  type PageCursor,
} from "./sync-tokens.ts";

export interface CancelledItem {
  id: string;
  calendarId: string;
  status: "cancelled";
}

export interface EventChangesPage {
  items: (ApiEvent | CancelledItem)[];
  nextPageToken?: string;
  nextSyncToken?: string;
}

interface Change {
  seq: bigint;
  item: ApiEvent | CancelledItem;
}

function maxOf(...values: bigint[]): bigint {
  return values.reduce((a, b) => (a > b ? a : b));
}

async function startCursor(params: {
  userId: string;
  fromSeq: bigint | null;
  horizon: bigint;
  now: number;
}): Promise<PageCursor> {
  const latest = await readLatestChangeSeq({ userId: params.userId });
  // Never issue a token below the horizon or below the token the client already holds (the
  // latest number can drop when the newest deletion records were compacted away).
  const snapshotSeq = maxOf(latest, params.horizon, params.fromSeq ?? 0n);
  return {
    userId: params.userId,
    fromSeq: params.fromSeq,
    snapshotSeq,
    afterSeq: params.fromSeq ?? 0n,
    issuedAt: params.now,
  };
}

async function readFullPage(cursor: PageCursor, take: number): Promise<Change[]> {
  const rows = await readEventRows({ ...cursor, take, onlyVisible: true });
  return rows.map((row) => ({ seq: row.changeSeq, item: serializeEvent(row) }));
}

async function readIncrementalPage(cursor: PageCursor, take: number): Promise<Change[]> {
  const range = { gt: cursor.afterSeq, lte: cursor.snapshotSeq };
  const [rows, tombstones] = await Promise.all([
    readEventRows({ ...cursor, take, onlyVisible: false }),
    db().eventTombstone.findMany({
      where: { userId: cursor.userId, changeSeq: range },
      orderBy: { changeSeq: "asc" },
      take,
      select: { eventId: true, calendarId: true, changeSeq: true },
    }),
  ]);
  const changes: Change[] = rows.map((row) => ({
    seq: row.changeSeq,
    // A local delete waiting for its push and a payload kept aside are hidden everywhere: to a
    // client they are deletions (they come back as upserts if they reappear).
    item:
      row.deletedLocally || row.parseError !== null
        ? { id: row.id, calendarId: row.calendarId, status: "cancelled" as const }
        : serializeEvent(row),
  }));
  for (const tombstone of tombstones) {
    changes.push({
      seq: tombstone.changeSeq,
      item: { id: tombstone.eventId, calendarId: tombstone.calendarId, status: "cancelled" },
    });
  }
  changes.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
  return changes.slice(0, take);
}

export async function listEventChanges(params: {
  userId: string;
  maxResults?: number;
  pageToken?: string;
  syncToken?: string;
  /** Clock, for tests of expiry. */
  now?: Date;
}): Promise<EventChangesPage> {
  const now = params.now?.getTime() ?? Date.now();
  const maxResults = checkPageSize(params.maxResults ?? DEFAULT_PAGE_SIZE);
  const from = params.syncToken ? decodeSyncToken({ token: params.syncToken, userId: params.userId, now }) : null;
  const fromSeq = from?.seq ?? null;
  const horizon = await readSyncHorizon({ userId: params.userId });
  if (fromSeq !== null && fromSeq < horizon) {
    throw syncTokenExpired(
      "Deletions since this sync token were compacted; drop local data and list again without it.",
    );
  }

  let cursor: PageCursor;
  if (params.pageToken) {
    cursor = decodePageToken({ token: params.pageToken, userId: params.userId, now });
    // The seed: follow pageToken "with otherwise identical query parameters" (the same syncToken).
    if (cursor.fromSeq !== fromSeq) {
      throw new AppError("invalid_page_token", "The page token belongs to a listing with a different syncToken.", {
        status: 400,
      });
    }
  } else {
    cursor = await startCursor({ userId: params.userId, fromSeq, horizon, now });
  }

  const take = maxResults + 1; // one more than asked tells whether another page follows
  const changes = fromSeq === null ? await readFullPage(cursor, take) : await readIncrementalPage(cursor, take);
  const page = changes.slice(0, maxResults);
  const items = page.map((change) => change.item);
  const last = page[page.length - 1];
  if (changes.length > maxResults && last) {
    return { items, nextPageToken: encodePageToken({ ...cursor, afterSeq: last.seq }) };
  }
  // The token carries the listing's start time: deletion records are kept by age, and the
  // snapshot is as old as the first page.
  return {
    items,
    nextSyncToken: encodeSyncToken({ userId: params.userId, seq: cursor.snapshotSeq, issuedAt: cursor.issuedAt }),
  };
}
