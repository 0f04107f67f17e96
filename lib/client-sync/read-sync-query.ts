import { AppError } from "../errors/app-error.ts";

export const DEFAULT_PAGE_SIZE = 250;
export const MAX_PAGE_SIZE = 2500;

export interface SyncQuery {
  maxResults: number;
  pageToken?: string;
  syncToken?: string;
}

/** Checks a page size: an integer in 1..2500 (docs/api.md), else 422 validation_failed. */
export function checkPageSize(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw new AppError("validation_failed", `maxResults must be an integer from 1 to ${MAX_PAGE_SIZE}.`, {
      details: { param: "maxResults", min: 1, max: MAX_PAGE_SIZE },
    });
  }
  return value;
}

/** Reads `maxResults`, `pageToken` and `syncToken` of GET /api/v1/sync/events. */
export function readSyncQuery(search: URLSearchParams): SyncQuery {
  const rawSize = search.get("maxResults");
  const maxResults =
    rawSize === null || rawSize === ""
      ? DEFAULT_PAGE_SIZE
      : checkPageSize(/^\d+$/.test(rawSize) ? Number(rawSize) : Number.NaN);
  const pageToken = search.get("pageToken") || undefined;
  const syncToken = search.get("syncToken") || undefined;
  return { maxResults, ...(pageToken ? { pageToken } : {}), ...(syncToken ? { syncToken } : {}) };
}
