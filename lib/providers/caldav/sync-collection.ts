/**
 * Incremental pull by sync-collection REPORT (RFC 6578), sent and read here rather than by
 * tsdav's smartCollectionSync (docs/design.md "Hard-won rules"):
 * - the new token is the root DAV:sync-token; a 507 for the collection itself means the answer
 *   was truncated: continue with the returned token until complete (RFC 6578 §3.6);
 * - members answered 404 are deletions;
 * - a refused token is CursorExpired: any 4xx carrying DAV:valid-sync-token (Radicale's 403
 *   body, Sabre), a bare 403/409 (RFC 3253 §1.6), and Xandikos' 500 for a stored token when
 *   the collection itself still answers (docs/design.md "Measured on Radicale 3.1 and Xandikos 0.2");
 * - when the answer carries no calendar-data (Xandikos returns it as a 404 propstat) the
 *   changed members are fetched by calendar-multiget.
 */
import { CursorExpired, RemoteUnavailable } from "../errors.ts";
import type { RemoteChange } from "../types.ts";
import { classifyFailure } from "./classify-response.ts";
import type { DavResult, DavTransport, RequestCounter } from "./dav-transport.ts";
import type { HostPolicy } from "./host-policy.ts";
import { multigetObjects } from "./multiget.ts";
import { DAV_NS, hasDescendant, parseMultistatus } from "./parse-multistatus.ts";
import { readCollectionState } from "./read-collection-state.ts";
import { readObjectResponse } from "./read-object-response.ts";
import { isCollectionHref, resolveMember, type MemberLocation } from "./resolve-member.ts";
import { syncCollectionBody, XML_CONTENT_TYPE } from "./xml-bodies.ts";

/** Guards against a server that keeps answering 507 without moving its token forward. */
const MAX_PAGES = 10_000;

export async function pullBySyncToken(params: {
  transport: DavTransport;
  hostPolicy: HostPolicy;
  collectionUrl: string;
  token: string;
  counter: RequestCounter;
  multigetBatchSize?: number;
  logError?: (message: string) => void;
}): Promise<{ changes: RemoteChange[]; token: string }> {
  const { transport, collectionUrl, counter } = params;
  // Keyed by ref so a member changed on two pages is reported once, with its last state.
  const changes = new Map<string, RemoteChange>();
  const toFetch = new Map<string, MemberLocation>();
  let token = params.token;
  for (let page = 0; ; page++) {
    if (page >= MAX_PAGES) throw new RemoteUnavailable("sync-collection kept answering 507 without finishing");
    const result = await sendSyncReport({ transport, collectionUrl, token, counter });
    if (result.status !== 207) await throwSyncFailure({ ...params, result, token });
    const multistatus = parseMultistatus(result.body);
    if (!multistatus.isMultistatus || !multistatus.syncToken) {
      throw new RemoteUnavailable("sync-collection answer has no DAV:sync-token", result.status);
    }
    let truncated = false;
    for (const response of multistatus.responses) {
      if (isCollectionHref({ href: response.href, collectionUrl })) {
        if (response.status === 507) truncated = true;
        continue;
      }
      const member = resolveMember({
        href: response.href,
        collectionUrl,
        hostPolicy: params.hostPolicy,
        logError: params.logError,
      });
      if (!member) continue;
      if (response.status === 404 || response.status === 410) {
        changes.set(member.ref, { type: "delete", ref: member.ref });
        toFetch.delete(member.ref);
        continue;
      }
      if (response.status !== null && (response.status < 200 || response.status >= 300)) {
        throw new RemoteUnavailable(`sync-collection reported status ${response.status} for a member`, response.status);
      }
      const { etag, ical } = readObjectResponse(response);
      if (ical === null) {
        changes.delete(member.ref);
        toFetch.set(member.ref, member);
      } else {
        changes.set(member.ref, { type: "upsert", ref: member.ref, etag, ical });
        toFetch.delete(member.ref);
      }
    }
    if (truncated && multistatus.syncToken === token) {
      throw new RemoteUnavailable("sync-collection answered 507 without a new token");
    }
    token = multistatus.syncToken;
    if (!truncated) break;
  }
  if (toFetch.size > 0) {
    const fetched = await multigetObjects({
      transport,
      hostPolicy: params.hostPolicy,
      collectionUrl,
      members: [...toFetch.values()],
      counter,
      batchSize: params.multigetBatchSize,
      logError: params.logError,
    });
    for (const object of fetched.objects) changes.set(object.ref, { type: "upsert", ...object });
    // Deleted between the REPORT and the multiget: the server said 404, so it is a deletion.
    for (const ref of fetched.goneRefs) changes.set(ref, { type: "delete", ref });
  }
  // sync-collection has no component filter: a calendar that also holds tasks reports them
  // too. The full listing only lists VEVENT resources, so a delta reports anything else as
  // absent (a no-op for refs never stored, and the same outcome as the next full listing).
  const events = [...changes.values()].map((change): RemoteChange =>
    change.type === "upsert" && !/^BEGIN:VEVENT\r?$/m.test(change.ical) ? { type: "delete", ref: change.ref } : change,
  );
  return { changes: events, token };
}

function sendSyncReport(params: {
  transport: DavTransport;
  collectionUrl: string;
  token: string;
  counter: RequestCounter;
}): Promise<DavResult> {
  return params.transport.request({
    url: params.collectionUrl,
    method: "REPORT",
    // RFC 6578 §3.2: the report is defined for Depth 0.
    headers: { Depth: "0", "Content-Type": XML_CONTENT_TYPE },
    body: syncCollectionBody({ token: params.token, withData: true }),
    counter: params.counter,
  });
}

async function throwSyncFailure(params: {
  transport: DavTransport;
  collectionUrl: string;
  token: string;
  counter: RequestCounter;
  result: DavResult;
}): Promise<never> {
  const { status, body } = params.result;
  const error = parseMultistatus(body).error;
  if (status >= 400 && status < 500 && error && hasDescendant(error, DAV_NS, "valid-sync-token")) {
    throw new CursorExpired("the server refused the stored sync token (DAV:valid-sync-token)", status);
  }
  if (status === 403 || status === 409) {
    throw new CursorExpired(`the server refused the stored sync token (${status})`, status);
  }
  if (status === 500) {
    // Xandikos 0.2 answers any unknown token with a plain 500. Ask once more, then check the
    // collection itself answers: only then is the token (not the server) the problem.
    const again = await sendSyncReport(params);
    if (again.status === 207) {
      throw new RemoteUnavailable("sync-collection failed once with 500; retry the pull", 500);
    }
    if (again.status === 500) {
      const state = await readCollectionState({ ...params, props: "syncToken" });
      if (state.syncToken !== params.token) {
        throw new CursorExpired("the server fails every sync request for the stored token (500)", 500);
      }
    }
    throw classifyFailure({ status: again.status, method: "REPORT", url: params.collectionUrl });
  }
  throw classifyFailure({ status, method: "REPORT", url: params.collectionUrl });
}
