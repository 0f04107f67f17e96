/**
 * The one final version of an edit/edit conflict: the automatic three-way merge for fields
 * changed on one side only, and the person's choice for each conflicting field (the time
 * fields start/end/allDay/timeZone are chosen as one group, as they are written together).
 * `other` (properties Concord does not model: alarms, attendees, overrides) picks the whole
 * text the result is patched onto.
 */
import { diffEventFields } from "../ical/diff-event-fields.ts";
import { extractEventFields } from "../ical/extract-event-fields.ts";
import { mergeEventResources } from "../ical/merge-event-resources.ts";
import { patchEventResource } from "../ical/patch-event-resource.ts";
import type { EventFieldName, EventFields } from "../ical/types.ts";

export type Side = "local" | "remote";
const TIME_GROUP: EventFieldName[] = ["start", "end", "allDay", "timeZone"];

function sequenceOf(ical: string): number {
  const match = /^SEQUENCE[^:\r\n]*:(\d+)/m.exec(ical);
  return match ? Number(match[1]) : 0;
}

export function composeResolution(params: {
  base: string | null;
  local: string;
  remote: string;
  choose: (field: string) => Side;
}): string {
  const { local, remote, choose } = params;
  const merge = mergeEventResources({ base: params.base, local, remote });
  const start = merge.conflicts.includes("other") ? (choose("other") === "local" ? local : remote) : merge.merged;
  const sides: Record<Side, EventFields> = { local: extractEventFields(local), remote: extractEventFields(remote) };
  const target: EventFields = { ...merge.fields };
  const chosen = new Set<string>();
  for (const name of merge.conflicts) {
    if (name === "other" || chosen.has(name)) continue;
    // The first time field named decides for the whole group.
    const group = TIME_GROUP.includes(name) ? TIME_GROUP : [name];
    const side = sides[choose(name)];
    for (const member of group) {
      chosen.add(member);
      Object.assign(target, { [member]: side[member] });
    }
  }
  const names = diffEventFields(extractEventFields(start), target);
  if (names.length === 0) return start;
  const changes: Partial<EventFields> = {};
  for (const name of names) Object.assign(changes, { [name]: target[name] });
  if (names.some((name) => TIME_GROUP.includes(name)))
    for (const name of TIME_GROUP) Object.assign(changes, { [name]: target[name] });
  return patchEventResource({ ical: start, changes, minSequence: Math.max(sequenceOf(local), sequenceOf(remote)) + 1 });
}
