/**
 * PROPFIND Depth 0 for the collection's ctag and sync-token: the cheap "did anything change"
 * probe (DAVx5 BaseWebDavCollection.kt), and the state a full listing saves *before* it lists,
 * so a change made during the listing is seen by the next pull (DAVx5 SyncManager).
 * Asks only for what the caller uses: Radicale computes each of the two by reading every item
 * of the collection (10k events: ~0.3 s for the ctag, ~0.4 s for the token, ~0.7 s for both).
 */
import { NotCalDav, RemoteUnavailable } from "../errors.ts";
import { classifyFailure } from "./classify-response.ts";
import type { DavTransport, RequestCounter } from "./dav-transport.ts";
import { CALSERVER_NS, DAV_NS, findProp, parseMultistatus } from "./parse-multistatus.ts";
import { collectionStateBody, XML_CONTENT_TYPE, type CollectionStateProps } from "./xml-bodies.ts";

export interface CollectionState {
  ctag: string | null;
  syncToken: string | null;
}

export async function readCollectionState(params: {
  transport: DavTransport;
  collectionUrl: string;
  counter: RequestCounter;
  props?: CollectionStateProps;
}): Promise<CollectionState> {
  const result = await params.transport.request({
    url: params.collectionUrl,
    method: "PROPFIND",
    headers: { Depth: "0", "Content-Type": XML_CONTENT_TYPE },
    body: collectionStateBody(params.props),
    counter: params.counter,
  });
  if (result.status !== 207) {
    throw classifyFailure({ status: result.status, method: "PROPFIND", url: params.collectionUrl });
  }
  const multistatus = parseMultistatus(result.body);
  if (!multistatus.isMultistatus) throw new NotCalDav("PROPFIND did not answer with a multistatus", 207);
  const response = multistatus.responses[0];
  if (!response) throw new RemoteUnavailable("PROPFIND answered with no response for the collection", 207);
  // Xandikos also reports getctag in the DAV: namespace; the calendarserver one is canonical.
  const ctag = findProp(response, CALSERVER_NS, "getctag") ?? findProp(response, DAV_NS, "getctag");
  const token = findProp(response, DAV_NS, "sync-token");
  return {
    ctag: ctag ? ctag.text.trim() || null : null,
    syncToken: token ? token.text.trim() || null : null,
  };
}
