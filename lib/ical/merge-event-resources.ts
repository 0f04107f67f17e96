/**
 * Three-way merge of whole iCalendar objects: the master's fields merge per field
 * (mergeEventFields); everything Concord does not model — overrides, alarms, attendees,
 * X- properties — is one opaque part that conflicts as "other" when both sides changed it
 * differently. The result is the remote text patched with the local-only field changes, so
 * the remote's unmodelled changes survive (or the local text, when only it changed the rest).
 */
import { componentsOf, parseCalendarTree, type ContentComponent } from "./content-lines.ts";
import { diffEventFields } from "./diff-event-fields.ts";
import { extractEventFields } from "./extract-event-fields.ts";
import { mergeEventFields } from "./merge-event-fields.ts";
import { canonicalComponent } from "./normalise-for-compare.ts";
import { patchEventResource } from "./patch-event-resource.ts";
import type { EventFieldName, EventFields } from "./types.ts";

/** Properties of the master that EventFields model. */
const MODELLED = new Set([
  "SUMMARY",
  "DTSTART",
  "DTEND",
  "DURATION",
  "LOCATION",
  "DESCRIPTION",
  "RRULE",
  "RDATE",
  "EXDATE",
  "EXRULE",
  "STATUS",
]);

/** Canonical text of everything but the master's modelled properties. */
export function restOfResource(ical: string): string {
  const calendar = parseCalendarTree(ical);
  const master = componentsOf(calendar, "VEVENT").find(
    (c) => !c.children.some((l) => l.kind === "line" && l.name === "RECURRENCE-ID"),
  );
  const parts: string[] = [];
  const top: ContentComponent = { ...calendar, children: calendar.children.filter((c) => c !== master) };
  parts.push(canonicalComponent(top));
  if (master) parts.push(canonicalComponent(master, (_text, name) => MODELLED.has(name)));
  return parts.join("\r\n");
}

function sequenceOf(ical: string): number {
  const match = /^SEQUENCE[^:\r\n]*:(\d+)/m.exec(ical);
  return match ? Number(match[1]) : 0;
}

export interface ResourceMergeResult {
  merged: string;
  fields: EventFields;
  /** Conflicting field names, plus "other" when the unmodelled part conflicts. */
  conflicts: Array<EventFieldName | "other">;
}

export function mergeEventResources(params: {
  base: string | null;
  local: string;
  remote: string;
  now?: Date;
}): ResourceMergeResult {
  const { base, local, remote } = params;
  const localFields = extractEventFields(local);
  const remoteFields = extractEventFields(remote);
  const { merged, conflicts } = mergeEventFields({
    base: base ? extractEventFields(base) : null,
    local: localFields,
    remote: remoteFields,
  });
  const all: Array<EventFieldName | "other"> = [...conflicts];
  const localRest = restOfResource(local);
  const remoteRest = restOfResource(remote);
  const baseRest = base ? restOfResource(base) : null;
  const isLocalRestChanged = baseRest === null ? localRest !== remoteRest : localRest !== baseRest;
  const isRemoteRestChanged = baseRest === null ? localRest !== remoteRest : remoteRest !== baseRest;
  if (isLocalRestChanged && isRemoteRestChanged && localRest !== remoteRest) all.push("other");
  const startFromLocal = isLocalRestChanged && !isRemoteRestChanged;
  const start = startFromLocal ? local : remote;
  const startFields = startFromLocal ? localFields : remoteFields;
  const changed = diffEventFields(startFields, merged);
  if (changed.length === 0) return { merged: start, fields: merged, conflicts: all };
  const changes: Partial<EventFields> = {};
  for (const name of changed) (changes as Record<string, unknown>)[name] = merged[name];
  // A time change is written whole (DTSTART and DTEND together).
  if (changed.some((n) => n === "start" || n === "end" || n === "timeZone" || n === "allDay"))
    Object.assign(changes, { start: merged.start, end: merged.end, timeZone: merged.timeZone, allDay: merged.allDay });
  const text = patchEventResource({
    ical: start,
    changes,
    now: params.now,
    minSequence: Math.max(sequenceOf(local), sequenceOf(remote)) + 1,
  });
  return { merged: text, fields: merged, conflicts: all };
}
