/**
 * Parses a WebDAV response body (RFC 4918 §14.16 multistatus, or a bare DAV:error) into a small
 * namespace-resolved tree. tsdav's parser is not used for REPORT bodies: it drops the root
 * DAV:sync-token and the collection's 507 (RFC 6578 §3.6), coerces numeric-looking text to
 * numbers (ctags, Xandikos' hex tokens) and truncates non-XML bodies.
 */
import { parseXml, type XmlElement } from "./parse-xml.ts";

export type { XmlElement };

export const DAV_NS = "DAV:";
export const CALDAV_NS = "urn:ietf:params:xml:ns:caldav";
export const CALSERVER_NS = "http://calendarserver.org/ns/";
export const APPLE_ICAL_NS = "http://apple.com/ns/ical/";

export interface DavPropstat {
  status: number;
  props: XmlElement[];
}

export interface DavResponse {
  /** The first DAV:href, as sent (trimmed, still percent-encoded). */
  href: string;
  /** Other hrefs of the same response (RFC 4918 allows several with one status). */
  extraHrefs: string[];
  /** Response-level status (deleted members, 507), or null when only propstats carry one. */
  status: number | null;
  propstats: DavPropstat[];
  error: XmlElement | null;
}

export interface Multistatus {
  responses: DavResponse[];
  /** RFC 6578 §6.4: the new token is a direct child of the multistatus root. */
  syncToken: string | null;
  /** Root element when it is a DAV:error (a failed precondition body), else null. */
  error: XmlElement | null;
  isMultistatus: boolean;
}

export function parseStatusLine(line: string | undefined): number | null {
  const match = /HTTP\/\S+\s+(\d{3})/.exec(line ?? "");
  return match ? Number(match[1]) : null;
}

export function childElements(element: XmlElement, ns: string, name: string): XmlElement[] {
  return element.children.filter((c) => c.ns === ns && c.name === name);
}

export function childElement(element: XmlElement, ns: string, name: string): XmlElement | undefined {
  return element.children.find((c) => c.ns === ns && c.name === name);
}

/** Depth-first search for a descendant element (used for loosely structured properties). */
export function hasDescendant(element: XmlElement, ns: string, name: string): boolean {
  return element.children.some((c) => (c.ns === ns && c.name === name) || hasDescendant(c, ns, name));
}

export function parseMultistatus(body: string): Multistatus {
  const root = body.trim() ? parseXml(body) : null;
  if (!root) return { responses: [], syncToken: null, error: null, isMultistatus: false };
  if (root.ns === DAV_NS && root.name === "error") {
    return { responses: [], syncToken: null, error: root, isMultistatus: false };
  }
  if (root.ns !== DAV_NS || root.name !== "multistatus") {
    return { responses: [], syncToken: null, error: null, isMultistatus: false };
  }
  const responses: DavResponse[] = childElements(root, DAV_NS, "response").map((response) => {
    const hrefs = childElements(response, DAV_NS, "href").map((h) => h.text.trim());
    const statusElement = childElement(response, DAV_NS, "status");
    return {
      href: hrefs[0] ?? "",
      extraHrefs: hrefs.slice(1),
      status: statusElement ? parseStatusLine(statusElement.text) : null,
      propstats: childElements(response, DAV_NS, "propstat").map((propstat) => ({
        status: parseStatusLine(childElement(propstat, DAV_NS, "status")?.text) ?? 0,
        props: childElement(propstat, DAV_NS, "prop")?.children ?? [],
      })),
      error: childElement(response, DAV_NS, "error") ?? null,
    };
  });
  const token = childElement(root, DAV_NS, "sync-token");
  return {
    responses,
    syncToken: token ? token.text.trim() : null,
    error: null,
    isMultistatus: true,
  };
}

/** A property from a 2xx propstat, or undefined when absent or reported with another status. */
export function findProp(response: DavResponse, ns: string, name: string): XmlElement | undefined {
  for (const propstat of response.propstats) {
    if (propstat.status < 200 || propstat.status >= 300) continue;
    const prop = propstat.props.find((p) => p.ns === ns && p.name === name);
    if (prop) return prop;
  }
  return undefined;
}
