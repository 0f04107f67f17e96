/** Small in-place edits of a content tree component that leave untouched lines as they were. */
import type { ContentComponent, ContentLine } from "./content-lines.ts";
import { parsePropertyLine } from "./content-lines.ts";
import { formatPropertyLine } from "./format-property-line.ts";
import { formatIcalUtc } from "./ical-time.ts";

/** Index where new properties go: before the first sub-component (VALARM), else at the end. */
function defaultInsertIndex(component: ContentComponent): number {
  const index = component.children.findIndex((c) => c.kind === "component");
  return index < 0 ? component.children.length : index;
}

/**
 * Removes every direct property named in `names` and puts `lines` where the first removed one
 * was (or before the sub-components when none existed).
 */
export function replaceProperties(component: ContentComponent, names: ReadonlySet<string>, lines: ContentLine[]): void {
  let at = -1;
  const kept: ContentComponent["children"] = [];
  for (const child of component.children) {
    if (child.kind === "line" && names.has(child.name)) {
      if (at < 0) at = kept.length;
      continue;
    }
    kept.push(child);
  }
  component.children = kept;
  if (at < 0) at = defaultInsertIndex(component);
  component.children.splice(at, 0, ...lines);
}

/** Inserts lines after the last direct property with one of `afterNames`, else at the default place. */
export function insertPropertiesAfter(
  component: ContentComponent,
  afterNames: ReadonlySet<string>,
  lines: ContentLine[],
): void {
  let at = -1;
  component.children.forEach((child, i) => {
    if (child.kind === "line" && afterNames.has(child.name)) at = i + 1;
  });
  if (at < 0) at = defaultInsertIndex(component);
  component.children.splice(at, 0, ...lines);
}

/** Deep copy, so an edit of the copy leaves the original tree alone. */
export function cloneComponent(component: ContentComponent): ContentComponent {
  return {
    kind: "component",
    name: component.name,
    begin: component.begin,
    end: component.end,
    children: component.children.map((c) => (c.kind === "line" ? { ...c, raw: [...c.raw] } : cloneComponent(c))),
  };
}

/**
 * Marks a component as changed: SEQUENCE + 1 (RFC 5545 §3.8.7.4, at least `minSequence`),
 * one fresh DTSTAMP (duplicates from iCloud collapse) and LAST-MODIFIED.
 */
export function stampComponent(component: ContentComponent, now: Date, minSequence = 0): void {
  let sequence = 0;
  for (const child of component.children) {
    if (child.kind === "line" && child.name === "SEQUENCE")
      sequence = Math.max(sequence, Number.parseInt(parsePropertyLine(child.text).value, 10) || 0);
  }
  const stamp = formatIcalUtc(Math.floor(now.getTime() / 1000) * 1000);
  replaceProperties(component, new Set(["SEQUENCE"]), [
    formatPropertyLine("SEQUENCE", {}, String(Math.max(sequence + 1, minSequence))),
  ]);
  replaceProperties(component, new Set(["DTSTAMP"]), [formatPropertyLine("DTSTAMP", {}, stamp)]);
  replaceProperties(component, new Set(["LAST-MODIFIED"]), [formatPropertyLine("LAST-MODIFIED", {}, stamp)]);
}
