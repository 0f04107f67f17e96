/**
 * A content-line tree of an iCalendar text that keeps every line's original bytes, so edits
 * can replace the lines they change and leave all others byte-for-byte as the server sent
 * them (RFC 5545 §3.1: lines are folded with CRLF + one space or tab).
 */
import { IcalParseError } from "./ical-parse-error.ts";

export interface ContentLine {
  kind: "line";
  /** Upper-cased property name. */
  name: string;
  /** The unfolded line. */
  text: string;
  /** The physical lines as received (several when folded), without line breaks. */
  raw: string[];
}

export interface ContentComponent {
  kind: "component";
  /** Upper-cased component name (VEVENT, VALARM, ...). */
  name: string;
  begin: ContentLine;
  end: ContentLine;
  children: Array<ContentLine | ContentComponent>;
}

export interface ParsedProperty {
  name: string;
  /** Parameter names upper-cased; values unquoted (multi-values kept comma-joined). */
  params: Record<string, string>;
  value: string;
}

/** Splits text into logical lines, unfolding continuation lines. */
function readLines(text: string): ContentLine[] {
  // Some servers prepend a UTF-8 byte order mark.
  const physical = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\n|\r/);
  const lines: ContentLine[] = [];
  for (const line of physical) {
    if (line.length === 0) continue;
    const first = line.charCodeAt(0);
    const last = lines[lines.length - 1];
    // RFC 5545 §3.1: a line starting with a space or tab continues the previous one.
    if ((first === 32 || first === 9) && last) {
      last.text += line.slice(1);
      last.raw.push(line);
      continue;
    }
    lines.push({ kind: "line", name: "", text: line, raw: [line] });
  }
  for (const line of lines) line.name = readName(line.text);
  return lines;
}

function readName(text: string): string {
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 58 /* : */ || c === 59 /* ; */) break;
    i++;
  }
  return text.slice(0, i).trim().toUpperCase();
}

/**
 * Parses text into its top-level components (normally one VCALENDAR). Lenient: lines without a
 * name are kept as they are; only unbalanced BEGIN/END is an error.
 */
export function parseContentTree(text: string): ContentComponent[] {
  const roots: ContentComponent[] = [];
  const stack: ContentComponent[] = [];
  for (const line of readLines(text)) {
    if (line.name === "BEGIN") {
      const component: ContentComponent = {
        kind: "component",
        name: valueOf(line.text).trim().toUpperCase(),
        begin: line,
        end: line,
        children: [],
      };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(component);
      else roots.push(component);
      stack.push(component);
    } else if (line.name === "END") {
      const open = stack.pop();
      const name = valueOf(line.text).trim().toUpperCase();
      if (!open || open.name !== name) throw new IcalParseError(`unexpected END:${name.slice(0, 40)}`);
      open.end = line;
    } else {
      const parent = stack[stack.length - 1];
      // Text outside any component (blank padding, stray headers) is dropped.
      if (parent) parent.children.push(line);
    }
  }
  if (stack.length > 0) throw new IcalParseError(`missing END:${stack[stack.length - 1]!.name.slice(0, 40)}`);
  return roots;
}

/** Serialises components back to text with CRLF line breaks, keeping original folding. */
export function serializeContentTree(components: ContentComponent[]): string {
  const out: string[] = [];
  const walk = (component: ContentComponent): void => {
    out.push(...component.begin.raw);
    for (const child of component.children) {
      if (child.kind === "line") out.push(...child.raw);
      else walk(child);
    }
    out.push(...component.end.raw);
  };
  for (const component of components) walk(component);
  return out.join("\r\n") + "\r\n";
}

/** The value part of a content line: everything after the first ':' outside quotes. */
export function valueOf(text: string): string {
  const i = findValueColon(text);
  return i < 0 ? "" : text.slice(i + 1);
}

function findValueColon(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) quoted = !quoted;
    else if (c === 58 /* : */ && !quoted) return i;
  }
  return -1;
}

/** Parses one unfolded content line (RFC 5545 §3.1 contentline). */
export function parsePropertyLine(text: string): ParsedProperty {
  const colon = findValueColon(text);
  const head = colon < 0 ? text : text.slice(0, colon);
  const value = colon < 0 ? "" : text.slice(colon + 1);
  const params: Record<string, string> = {};
  const parts = splitUnquoted(head, ";");
  const name = (parts.shift() ?? "").trim().toUpperCase();
  for (const part of parts) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toUpperCase();
    params[key] = part
      .slice(eq + 1)
      .split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
      .map((v) => (v.startsWith('"') && v.endsWith('"') && v.length >= 2 ? v.slice(1, -1) : v))
      .join(",");
  }
  return { name, params, value };
}

/** Splits on a separator that is not inside double quotes. */
export function splitUnquoted(text: string, separator: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === separator && !quoted) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/** Direct property lines of a component (not those of nested components). */
export function propertiesOf(component: ContentComponent): ContentLine[] {
  return component.children.filter((c): c is ContentLine => c.kind === "line");
}

/** Direct sub-components of a component with the given name. */
export function componentsOf(component: ContentComponent, name: string): ContentComponent[] {
  return component.children.filter((c): c is ContentComponent => c.kind === "component" && c.name === name);
}

/** First direct property line with this name. */
export function firstProperty(component: ContentComponent, name: string): ContentLine | undefined {
  for (const child of component.children) if (child.kind === "line" && child.name === name) return child;
  return undefined;
}

/** Parses text and returns its single VCALENDAR, or throws IcalParseError. */
export function parseCalendarTree(text: string): ContentComponent {
  if (typeof text !== "string" || text.trim() === "") throw new IcalParseError("empty iCalendar payload");
  const roots = parseContentTree(text);
  const calendar = roots.find((c) => c.name === "VCALENDAR");
  if (!calendar) throw new IcalParseError("no VCALENDAR component");
  return calendar;
}
