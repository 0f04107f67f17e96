/**
 * Writes changed EventFields into one VEVENT, touching only the properties of those fields.
 * start/end/allDay/timeZone are one group: any change rewrites DTSTART and DTEND together
 * (DTEND always, never DURATION: iCloud rejects events without DTEND).
 */
import ICAL from "ical.js";
import { parsePropertyLine, type ContentComponent, type ContentLine } from "./content-lines.ts";
import { replaceProperties } from "./edit-component.ts";
import { escapeText, formatPropertyLine, lineFromText } from "./format-property-line.ts";
import { parseApiTime } from "./ical-time.ts";
import { IcalEditError } from "./ical-edit-error.ts";
import type { EventFields } from "./types.ts";
import { writeTimeLine } from "./write-time-line.ts";

const DAY_MS = 86_400_000;
export const TIME_FIELDS = ["start", "end", "allDay", "timeZone"] as const;
const RECURRENCE_NAMES = new Set(["RRULE", "RDATE", "EXDATE", "EXRULE"]);

/** Parameters worth keeping when a text property is rewritten (LANGUAGE); ALTREP would point at stale content. */
function keptParams(component: ContentComponent, name: string): Record<string, string> {
  const existing = component.children.find((c): c is ContentLine => c.kind === "line" && c.name === name);
  if (!existing) return {};
  const { params } = parsePropertyLine(existing.text);
  return params.LANGUAGE ? { LANGUAGE: params.LANGUAGE } : {};
}

function writeText(
  component: ContentComponent,
  name: string,
  value: string | null,
  staleCompanions: string[] = [],
): void {
  const lines = value ? [formatPropertyLine(name, keptParams(component, name), escapeText(value))] : [];
  replaceProperties(component, new Set([name]), lines);
  // Companions describe the old value (Apple's map pin, Outlook's HTML body) and would contradict the new one.
  if (staleCompanions.length > 0) replaceProperties(component, new Set(staleCompanions), []);
}

function dateOnly(value: string): number {
  return Date.parse(`${value.slice(0, 10)}T00:00:00Z`);
}

function writeTimes(component: ContentComponent, fields: EventFields, tzids: Set<string>): void {
  let startLine: ContentLine;
  let endLine: ContentLine;
  if (fields.allDay) {
    const start = dateOnly(fields.start);
    let end = dateOnly(fields.end);
    if (Number.isNaN(start)) throw new IcalEditError("invalid start date");
    if (Number.isNaN(end) || end <= start) end = start + DAY_MS;
    startLine = writeTimeLine("DTSTART", start, true, null).line;
    endLine = writeTimeLine("DTEND", end, true, null).line;
  } else {
    const start = parseApiTime(fields.start).ms;
    const end = parseApiTime(fields.end).ms;
    if (end < start) throw new IcalEditError("end before start");
    const startResult = writeTimeLine("DTSTART", start, false, fields.timeZone);
    const endResult = writeTimeLine("DTEND", end, false, fields.timeZone);
    if (startResult.tzid) tzids.add(startResult.tzid);
    startLine = startResult.line;
    endLine = endResult.line;
  }
  replaceProperties(component, new Set(["DTSTART"]), [startLine]);
  replaceProperties(component, new Set(["DTEND", "DURATION"]), [endLine]);
}

/** Rejects rules ical.js cannot read (RFC 5545 §3.3.10 requires FREQ). */
function assertRule(value: string): void {
  try {
    if (!/(^|;)FREQ=/i.test(value)) throw new Error("no FREQ");
    ICAL.Recur.fromString(value);
  } catch {
    throw new IcalEditError("invalid recurrence rule");
  }
}

/**
 * Applies `changes` over `current` to the component. Returns the IANA zones now referenced
 * by TZID (the caller adds their VTIMEZONEs).
 */
export function applyFieldChanges(params: {
  component: ContentComponent;
  current: EventFields;
  changes: Partial<EventFields>;
  isOverride: boolean;
}): Set<string> {
  const { component, current, changes, isOverride } = params;
  const tzids = new Set<string>();
  if (changes.title !== undefined) writeText(component, "SUMMARY", changes.title);
  if (changes.location !== undefined)
    writeText(component, "LOCATION", changes.location, ["X-APPLE-STRUCTURED-LOCATION"]);
  if (changes.description !== undefined) writeText(component, "DESCRIPTION", changes.description, ["X-ALT-DESC"]);
  if (changes.status !== undefined) {
    replaceProperties(component, new Set(["STATUS"]), [formatPropertyLine("STATUS", {}, changes.status.toUpperCase())]);
  }
  if (TIME_FIELDS.some((name) => changes[name] !== undefined)) writeTimes(component, { ...current, ...changes }, tzids);
  if (changes.recurrence !== undefined && !isOverride) {
    const lines = changes.recurrence
      .map((text) => text.trim())
      .filter((text) => text.length > 0)
      .map((text) => {
        const property = parsePropertyLine(text);
        const name = property.name;
        if (!RECURRENCE_NAMES.has(name)) throw new IcalEditError(`not a recurrence line: ${name.slice(0, 20)}`);
        if (name === "RRULE" || name === "EXRULE") assertRule(property.value);
        return lineFromText(text, name);
      });
    for (const text of changes.recurrence) {
      const tzid = parsePropertyLine(text).params.TZID;
      if (tzid) tzids.add(tzid);
    }
    replaceProperties(component, RECURRENCE_NAMES, lines);
  }
  return tzids;
}
