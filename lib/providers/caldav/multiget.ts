/**
 * calendar-multiget in batches (RFC 4791 §7.9). Every requested href must come back: a
 * per-href 404 means the object is gone (a deletion the caller may apply); an href missing
 * from the answer, or answered with any other status, means the read is incomplete and
 * RemoteUnavailable is thrown so nothing gets deleted (Zoho silently caps multigets,
 * keeper.sh#461; one 404 must not wipe the calendar, dankcalendar#108).
 */
import { RemoteUnavailable } from "../errors.ts";
import { classifyFailure } from "./classify-response.ts";
import type { DavTransport, RequestCounter } from "./dav-transport.ts";
import type { HostPolicy } from "./host-policy.ts";
import { parseMultistatus } from "./parse-multistatus.ts";
import { readObjectResponse } from "./read-object-response.ts";
import { resolveMember, type MemberLocation } from "./resolve-member.ts";
import { calendarMultigetBody, XML_CONTENT_TYPE } from "./xml-bodies.ts";

export interface FetchedObject {
  ref: string;
  etag: string | null;
  ical: string;
}

export async function multigetObjects(params: {
  transport: DavTransport;
  hostPolicy: HostPolicy;
  collectionUrl: string;
  members: MemberLocation[];
  counter: RequestCounter;
  batchSize?: number;
  logError?: (message: string) => void;
}): Promise<{ objects: FetchedObject[]; goneRefs: string[] }> {
  const batchSize = params.batchSize ?? 100;
  const objects: FetchedObject[] = [];
  const goneRefs: string[] = [];
  for (let i = 0; i < params.members.length; i += batchSize) {
    const batch = params.members.slice(i, i + batchSize);
    const result = await params.transport.request({
      url: params.collectionUrl,
      method: "REPORT",
      headers: { "Content-Type": XML_CONTENT_TYPE },
      body: calendarMultigetBody({ hrefs: batch.map((m) => m.ref) }),
      counter: params.counter,
    });
    if (result.status !== 207) {
      throw classifyFailure({ status: result.status, method: "REPORT", url: params.collectionUrl });
    }
    const multistatus = parseMultistatus(result.body);
    const pending = new Set(batch.map((m) => m.ref));
    for (const response of multistatus.responses) {
      for (const href of [response.href, ...response.extraHrefs]) {
        const member = resolveMember({
          href,
          collectionUrl: params.collectionUrl,
          hostPolicy: params.hostPolicy,
          logError: params.logError,
        });
        if (!member || !pending.has(member.ref)) continue;
        if (response.status === 404 || response.status === 410) {
          pending.delete(member.ref);
          goneRefs.push(member.ref);
          continue;
        }
        if (response.status !== null && (response.status < 200 || response.status >= 300)) continue;
        const { etag, ical } = readObjectResponse(response);
        if (ical === null) continue;
        pending.delete(member.ref);
        objects.push({ ref: member.ref, etag, ical });
      }
    }
    if (pending.size > 0) {
      throw new RemoteUnavailable(
        `calendar-multiget returned ${batch.length - pending.size} of ${batch.length} requested objects; the read is incomplete`,
        207,
      );
    }
  }
  return { objects, goneRefs };
}
