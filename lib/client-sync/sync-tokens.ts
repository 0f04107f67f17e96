/**
 * Sync and page tokens of GET /api/v1/sync/events. A sync token names a point in the user's
 * change sequence; a page token continues one listing (one snapshot) where the last page ended.
 */
import { AppError } from "../errors/app-error.ts";
import { decodeSignedToken, encodeSignedToken } from "./signed-token.ts";

/** docs/api.md: tokens older than 30 days answer 410. Deletion records are kept at least as long. */
export const TOKEN_LIFETIME_MS = 30 * 86_400_000;

export interface SyncPoint {
  userId: string;
  /** Every change with a sequence number <= seq is reflected; later ones are not. */
  seq: bigint;
  issuedAt: number;
}

export interface PageCursor {
  userId: string;
  /** Incremental listings: the sync token's seq; null for a full listing. */
  fromSeq: bigint | null;
  /** The snapshot fixed by the first page: only changes with seq <= snapshotSeq are listed. */
  snapshotSeq: bigint;
  /** Last sequence number already returned. */
  afterSeq: bigint;
  /** When the listing started (its first page). */
  issuedAt: number;
}

export function syncTokenExpired(
  message = "The sync token is invalid or expired; drop local data and list again without it.",
): AppError {
  return new AppError("sync_token_expired", message, { status: 410 });
}

function invalidPageToken(): AppError {
  return new AppError("invalid_page_token", "The page token is not one this server issued for this listing.", {
    status: 400,
  });
}

function readSeq(value: unknown): bigint | null {
  return typeof value === "string" && /^\d{1,19}$/.test(value) ? BigInt(value) : null;
}

export function encodeSyncToken(point: SyncPoint): string {
  return encodeSignedToken("s", { u: point.userId, s: point.seq.toString(), t: point.issuedAt });
}

/** Invalid, tampered, expired or another user's token: 410 sync_token_expired (the client starts over). */
export function decodeSyncToken(params: { token: string; userId: string; now: number }): SyncPoint {
  const payload = decodeSignedToken("s", params.token);
  const seq = readSeq(payload?.s);
  const issuedAt = payload?.t;
  if (!payload || seq === null || typeof issuedAt !== "number" || payload.u !== params.userId) throw syncTokenExpired();
  if (params.now - issuedAt > TOKEN_LIFETIME_MS || issuedAt - params.now > 60_000) throw syncTokenExpired();
  return { userId: params.userId, seq, issuedAt };
}

export function encodePageToken(cursor: PageCursor): string {
  return encodeSignedToken("p", {
    u: cursor.userId,
    f: cursor.fromSeq === null ? null : cursor.fromSeq.toString(),
    n: cursor.snapshotSeq.toString(),
    a: cursor.afterSeq.toString(),
    t: cursor.issuedAt,
  });
}

/**
 * Malformed or tampered: 400 invalid_page_token. Expired or another user's: 410, like a sync
 * token (the listing cannot be continued; the client starts it again).
 */
export function decodePageToken(params: { token: string; userId: string; now: number }): PageCursor {
  const payload = decodeSignedToken("p", params.token);
  if (!payload) throw invalidPageToken();
  const snapshotSeq = readSeq(payload.n);
  const afterSeq = readSeq(payload.a);
  const fromSeq = payload.f === null ? null : readSeq(payload.f);
  const issuedAt = payload.t;
  if (
    snapshotSeq === null ||
    afterSeq === null ||
    typeof issuedAt !== "number" ||
    (payload.f !== null && fromSeq === null)
  ) {
    throw invalidPageToken();
  }
  if (payload.u !== params.userId)
    throw syncTokenExpired("The page token belongs to another listing; list again from the start.");
  if (params.now - issuedAt > TOKEN_LIFETIME_MS)
    throw syncTokenExpired("The page token expired; list again from the start.");
  return { userId: params.userId, fromSeq, snapshotSeq, afterSeq, issuedAt };
}
