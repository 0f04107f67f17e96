import { describe, expect, it } from "vitest";
import { readSyncQuery } from "../../../lib/client-sync/read-sync-query.ts";
import {
  decodePageToken,
  decodeSyncToken,
  encodePageToken,
  encodeSyncToken,
  TOKEN_LIFETIME_MS,
} from "../../../lib/client-sync/sync-tokens.ts";
import { AppError } from "../../../lib/errors/app-error.ts";

// Before any token is made (describe bodies run at collection time).
process.env.AUTH_SECRET ||= "unit-test-secret-for-client-sync-tokens";

const now = Date.parse("2026-03-01T12:00:00Z");

function errorOf(run: () => unknown): { code: string; status: number } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return { code: (error as AppError).code, status: (error as AppError).status };
  }
  throw new Error("expected an error");
}

function flipLastChar(token: string): string {
  const last = token.at(-1) === "A" ? "B" : "A";
  return token.slice(0, -1) + last;
}

describe("sync tokens", () => {
  const token = encodeSyncToken({ userId: "u1", seq: 42n, issuedAt: now });

  it("round-trips for its user within 30 days", () => {
    expect(decodeSyncToken({ token, userId: "u1", now: now + TOKEN_LIFETIME_MS })).toEqual({
      userId: "u1",
      seq: 42n,
      issuedAt: now,
    });
  });

  it("answers 410 when tampered, forged, expired, from the future or another user's", () => {
    const expired = { code: "sync_token_expired", status: 410 };
    expect(errorOf(() => decodeSyncToken({ token: flipLastChar(token), userId: "u1", now }))).toEqual(expired);
    const [prefix, , signature] = token.split(".");
    const forgedBody = Buffer.from(JSON.stringify({ u: "u1", s: "1", t: now })).toString("base64url");
    expect(
      errorOf(() => decodeSyncToken({ token: `${prefix}.${forgedBody}.${signature}`, userId: "u1", now })),
    ).toEqual(expired);
    expect(errorOf(() => decodeSyncToken({ token: "garbage", userId: "u1", now }))).toEqual(expired);
    expect(errorOf(() => decodeSyncToken({ token, userId: "u1", now: now + TOKEN_LIFETIME_MS + 1 }))).toEqual(expired);
    expect(errorOf(() => decodeSyncToken({ token, userId: "u1", now: now - 3_600_000 }))).toEqual(expired);
    expect(errorOf(() => decodeSyncToken({ token, userId: "u2", now }))).toEqual(expired);
  });

  it("never accepts a page token as a sync token or the reverse", () => {
    const page = encodePageToken({ userId: "u1", fromSeq: null, snapshotSeq: 5n, afterSeq: 2n, issuedAt: now });
    expect(errorOf(() => decodeSyncToken({ token: page, userId: "u1", now })).status).toBe(410);
    expect(errorOf(() => decodePageToken({ token, userId: "u1", now }))).toEqual({
      code: "invalid_page_token",
      status: 400,
    });
  });
});

describe("page tokens", () => {
  const cursor = { userId: "u1", fromSeq: 7n, snapshotSeq: 90n, afterSeq: 12n, issuedAt: now };
  const token = encodePageToken(cursor);

  it("round-trips", () => {
    expect(decodePageToken({ token, userId: "u1", now })).toEqual(cursor);
  });

  it("answers 400 when malformed or tampered, 410 when expired or another user's", () => {
    expect(errorOf(() => decodePageToken({ token: flipLastChar(token), userId: "u1", now }))).toEqual({
      code: "invalid_page_token",
      status: 400,
    });
    expect(errorOf(() => decodePageToken({ token: "p1.x.y", userId: "u1", now })).status).toBe(400);
    expect(errorOf(() => decodePageToken({ token, userId: "u2", now })).status).toBe(410);
    expect(errorOf(() => decodePageToken({ token, userId: "u1", now: now + TOKEN_LIFETIME_MS + 1 })).status).toBe(410);
  });
});

describe("readSyncQuery", () => {
  it("defaults to 250 and accepts 1 and 2500", () => {
    expect(readSyncQuery(new URLSearchParams("")).maxResults).toBe(250);
    expect(readSyncQuery(new URLSearchParams("maxResults=1")).maxResults).toBe(1);
    expect(readSyncQuery(new URLSearchParams("maxResults=2500")).maxResults).toBe(2500);
  });

  it("refuses 0, 2501, negatives and non-integers with 422", () => {
    for (const value of ["0", "2501", "-1", "2.5", "ten"]) {
      expect(errorOf(() => readSyncQuery(new URLSearchParams(`maxResults=${value}`)))).toEqual({
        code: "validation_failed",
        status: 422,
      });
    }
  });
});
