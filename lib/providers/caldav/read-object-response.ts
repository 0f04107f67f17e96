/** Etag and calendar-data of one multistatus response; etags are kept exactly as received. */
import { CALDAV_NS, DAV_NS, findProp, type DavResponse } from "./parse-multistatus.ts";

export function readObjectResponse(response: DavResponse): { etag: string | null; ical: string | null } {
  const etag = findProp(response, DAV_NS, "getetag")?.text.trim() || null;
  const data = findProp(response, CALDAV_NS, "calendar-data");
  // An empty element is "no data" (some servers answer so instead of a 404 propstat).
  const ical = data && /\S/.test(data.text) ? data.text : null;
  return { etag, ical };
}
