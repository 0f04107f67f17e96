/**
 * Chooses how to pull one calendar: by sync token when the collection supports RFC 6578 and a
 * token is stored; by ctag probe + full listing when it does not; a full listing otherwise
 * (first pull, or after CursorExpired). Only a full listing sets isFullListing.
 */
import type { CalendarRef, Cursor, PullResult } from "../types.ts";
import type { DavTransport, RequestCounter } from "./dav-transport.ts";
import { listAllObjects } from "./full-listing.ts";
import type { HostPolicy } from "./host-policy.ts";
import { readCollectionState } from "./read-collection-state.ts";
import { pullBySyncToken } from "./sync-collection.ts";

export function collectionUrlOf(params: { calendar: CalendarRef; serverUrl: string }): string {
  return new URL(params.calendar.remoteUrl ?? params.calendar.remoteId, params.serverUrl).href;
}

export async function pullCalendar(params: {
  transport: DavTransport;
  hostPolicy: HostPolicy;
  serverUrl: string;
  calendar: CalendarRef;
  cursor: Cursor | null;
  multigetBatchSize?: number;
  logError?: (message: string) => void;
}): Promise<PullResult> {
  const counter: RequestCounter = { requests: 0, bytesReceived: 0 };
  const collectionUrl = collectionUrlOf(params);
  const common = {
    transport: params.transport,
    hostPolicy: params.hostPolicy,
    collectionUrl,
    counter,
    multigetBatchSize: params.multigetBatchSize,
    logError: params.logError,
  };
  const supportsSync = params.calendar.supportsSyncCollection !== false;
  if (supportsSync && params.cursor?.syncToken) {
    const { changes, token } = await pullBySyncToken({ ...common, token: params.cursor.syncToken });
    return {
      changes,
      cursor: { syncToken: token, ctag: params.cursor.ctag ?? null },
      isFullListing: false,
      unchanged: changes.length === 0,
      requests: counter.requests,
    };
  }
  let state;
  if (!supportsSync && params.cursor?.ctag) {
    state = await readCollectionState({ ...common, props: "ctag" });
    if (state.ctag !== null && state.ctag === params.cursor.ctag) {
      return { changes: [], cursor: params.cursor, isFullListing: false, unchanged: true, requests: counter.requests };
    }
  }
  // A collection known to sync by token needs only the token for its next pull, one without
  // only the ctag; an unknown one gets both.
  const stateProps = params.calendar.supportsSyncCollection === true ? "syncToken" : supportsSync ? "both" : "ctag";
  const listing = await listAllObjects({ ...common, state, stateProps });
  return {
    changes: listing.objects.map((object) => ({ type: "upsert" as const, ...object })),
    cursor: { syncToken: listing.state.syncToken, ctag: listing.state.ctag },
    isFullListing: true,
    requests: counter.requests,
  };
}
