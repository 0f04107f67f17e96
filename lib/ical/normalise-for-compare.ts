/**
 * A canonical form of an iCalendar object for recognising echoes of our own writes and server
 * rewrites: volatile properties (DTSTAMP, PRODID, LAST-MODIFIED, CREATED, SEQUENCE, METHOD),
 * VTIMEZONE blocks, iCloud's range-dependent X-RECURRENCE-EXCEPTION and the Google etag
 * carried in converted Google objects are dropped, folding
 * is undone and property and component order no longer matter (as vdirsyncer's item hash).
 */
import { parseCalendarTree, type ContentComponent } from "./content-lines.ts";

export const IGNORED_PROPERTIES: ReadonlySet<string> = new Set([
  "DTSTAMP",
  "PRODID",
  "LAST-MODIFIED",
  "CREATED",
  "SEQUENCE",
  "METHOD",
  "X-RECURRENCE-EXCEPTION",
  // Google's per-event etag, carried in converted Google objects: version metadata, not content.
  "X-CONCORD-GOOGLE-ETAG",
]);

export function canonicalComponent(
  component: ContentComponent,
  skip: (line: string, name: string) => boolean = () => false,
): string {
  const lines: string[] = [];
  const nested: string[] = [];
  for (const child of component.children) {
    if (child.kind === "line") {
      if (!IGNORED_PROPERTIES.has(child.name) && !skip(child.text, child.name)) lines.push(child.text.trimEnd());
    } else if (child.name !== "VTIMEZONE") {
      nested.push(canonicalComponent(child));
    }
  }
  lines.sort();
  nested.sort();
  return [`BEGIN:${component.name}`, ...lines, ...nested, `END:${component.name}`].join("\r\n");
}

export function normaliseForCompare(ical: string): string {
  return canonicalComponent(parseCalendarTree(ical));
}
