/** Request bodies for the REPORTs and PROPFINDs the adapter sends (RFC 4791, RFC 6578). */

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const HEAD = `<?xml version="1.0" encoding="utf-8"?>`;

/** RFC 6578 §3.2 with sync-level 1; an empty token asks for the initial listing. */
export function syncCollectionBody(params: { token: string | null; withData: boolean }): string {
  return (
    `${HEAD}<D:sync-collection xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">` +
    `<D:sync-token>${escapeXml(params.token ?? "")}</D:sync-token><D:sync-level>1</D:sync-level>` +
    `<D:prop><D:getetag/>${params.withData ? "<C:calendar-data/>" : ""}</D:prop></D:sync-collection>`
  );
}

/** RFC 4791 §7.8 with a VEVENT comp-filter (iCloud requires one, lfos/calcurse#30). */
export function calendarQueryBody(params: { withData: boolean }): string {
  return (
    `${HEAD}<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">` +
    `<D:prop><D:getetag/>${params.withData ? "<C:calendar-data/>" : ""}</D:prop>` +
    `<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter></C:filter>` +
    `</C:calendar-query>`
  );
}

/** RFC 4791 §7.9. */
export function calendarMultigetBody(params: { hrefs: string[] }): string {
  return (
    `${HEAD}<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">` +
    `<D:prop><D:getetag/><C:calendar-data/></D:prop>` +
    params.hrefs.map((h) => `<D:href>${escapeXml(h)}</D:href>`).join("") +
    `</C:calendar-multiget>`
  );
}

/** Which collection state a PROPFIND asks for: each one costs the server a pass over the collection. */
export type CollectionStateProps = "ctag" | "syncToken" | "both";

export function collectionStateBody(props: CollectionStateProps = "both"): string {
  const ctag = props === "syncToken" ? "" : "<CS:getctag/>";
  const token = props === "ctag" ? "" : "<D:sync-token/>";
  return (
    `${HEAD}<D:propfind xmlns:D="DAV:" xmlns:CS="http://calendarserver.org/ns/">` +
    `<D:prop>${ctag}${token}</D:prop></D:propfind>`
  );
}

/** Xandikos answers 415 to REPORTs without an XML content type (docs/stack.md). */
export const XML_CONTENT_TYPE = "application/xml; charset=utf-8";
