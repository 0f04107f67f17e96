/**
 * Conditional writes (RFC 4791 §5.3.2, RFC 9110 §13.1): create with If-None-Match: * under a
 * client-chosen name so a retried create cannot duplicate; update and delete with If-Match
 * carrying the etag exactly as received (quotes and W/ included, sabre-io/dav#70). tsdav
 * silently writes unconditionally when no etag is given, so these requests are sent here.
 */
import { GoneRemotely, PreconditionFailed, RemoteUnavailable } from "../errors.ts";
import type { RemoteObject, WriteResult } from "../types.ts";
import { classifyFailure, readRefusalReason } from "./classify-response.ts";
import type { DavTransport, RequestCounter } from "./dav-transport.ts";
import { normaliseHref } from "./normalise-href.ts";

const ICAL_CONTENT_TYPE = "text/calendar; charset=utf-8";

/** `<collection>/<name>.ics`, the name percent-encoded as one path segment. */
export function objectUrlFor(params: { collectionUrl: string; suggestedRef: string }): string {
  const base = params.collectionUrl.endsWith("/") ? params.collectionUrl : `${params.collectionUrl}/`;
  const name = params.suggestedRef.endsWith(".ics") ? params.suggestedRef : `${params.suggestedRef}.ics`;
  return new URL(encodeURIComponent(name), base).href;
}

export async function createObject(params: {
  transport: DavTransport;
  collectionUrl: string;
  suggestedRef: string;
  ical: string;
  counter?: RequestCounter;
}): Promise<WriteResult> {
  const url = objectUrlFor(params);
  const result = await params.transport.request({
    url,
    method: "PUT",
    headers: { "Content-Type": ICAL_CONTENT_TYPE, "If-None-Match": "*" },
    body: params.ical,
    counter: params.counter,
  });
  if (result.status < 200 || result.status >= 300) {
    throw classifyFailure({
      status: result.status,
      method: "PUT",
      url,
      isWrite: true,
      reason: readRefusalReason(result.body),
    });
  }
  return { ref: normaliseHref({ href: url, base: url }), etag: result.headers.get("etag") };
}

export async function updateObject(params: {
  transport: DavTransport;
  url: string;
  ical: string;
  etag: string | null;
  counter?: RequestCounter;
}): Promise<WriteResult> {
  // An update without an etag would overwrite blindly (vdirsyncer refuses it too).
  if (!params.etag) throw new PreconditionFailed("refusing an unconditional update: no etag known");
  const result = await params.transport.request({
    url: params.url,
    method: "PUT",
    headers: { "Content-Type": ICAL_CONTENT_TYPE, "If-Match": params.etag },
    body: params.ical,
    counter: params.counter,
  });
  if (result.status === 404 || result.status === 410) {
    throw new GoneRemotely("the object no longer exists remotely", result.status);
  }
  if (result.status < 200 || result.status >= 300) {
    throw classifyFailure({
      status: result.status,
      method: "PUT",
      url: params.url,
      isWrite: true,
      reason: readRefusalReason(result.body),
    });
  }
  return { ref: normaliseHref({ href: params.url, base: params.url }), etag: result.headers.get("etag") };
}

export async function deleteObject(params: {
  transport: DavTransport;
  url: string;
  etag: string | null;
  counter?: RequestCounter;
}): Promise<void> {
  if (!params.etag) throw new PreconditionFailed("refusing an unconditional delete: no etag known");
  const result = await params.transport.request({
    url: params.url,
    method: "DELETE",
    headers: { "If-Match": params.etag },
    counter: params.counter,
  });
  // Already gone is what the caller wanted.
  if (result.status === 404 || result.status === 410) return;
  if (result.status < 200 || result.status >= 300) {
    throw classifyFailure({
      status: result.status,
      method: "DELETE",
      url: params.url,
      isWrite: true,
      reason: readRefusalReason(result.body),
    });
  }
}

export async function fetchObject(params: {
  transport: DavTransport;
  url: string;
  counter?: RequestCounter;
}): Promise<RemoteObject | null> {
  const result = await params.transport.request({ url: params.url, method: "GET", counter: params.counter });
  if (result.status === 404 || result.status === 410) return null;
  if (result.status !== 200) throw classifyFailure({ status: result.status, method: "GET", url: params.url });
  if (!result.body.includes("BEGIN:VCALENDAR")) {
    throw new RemoteUnavailable("GET did not return an iCalendar object", result.status);
  }
  return {
    ref: normaliseHref({ href: params.url, base: params.url }),
    etag: result.headers.get("etag"),
    ical: result.body,
  };
}
