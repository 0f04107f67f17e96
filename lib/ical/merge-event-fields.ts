/**
 * Three-way merge of event fields (docs/design.md "Sync rules"): a field changed on one side only
 * is taken from that side; changed on both sides to the same value is no conflict; changed
 * differently is a conflict, and the merged value stays the remote one until resolved.
 * start/end/timeZone/allDay form one group so a time change is applied whole.
 */
import { diffEventFields } from "./diff-event-fields.ts";
import type { EventFieldName, EventFields } from "./types.ts";

export const FIELD_GROUPS: readonly (readonly EventFieldName[])[] = [
  ["title"],
  ["start", "end", "timeZone", "allDay"],
  ["location"],
  ["description"],
  ["recurrence"],
  ["status"],
];

export interface FieldMergeResult {
  merged: EventFields;
  /** Names of conflicting fields (for the time group: those of its fields that differ). */
  conflicts: EventFieldName[];
}

export function mergeEventFields(params: {
  base: EventFields | null;
  local: EventFields;
  remote: EventFields;
}): FieldMergeResult {
  const { base, local, remote } = params;
  const localChanged = new Set(base ? diffEventFields(base, local) : diffEventFields(remote, local));
  const remoteChanged = new Set(base ? diffEventFields(base, remote) : diffEventFields(local, remote));
  const disagree = new Set(diffEventFields(local, remote));
  const merged: EventFields = { ...remote, recurrence: [...remote.recurrence] };
  const conflicts: EventFieldName[] = [];
  const take = <K extends EventFieldName>(name: K, from: EventFields): void => {
    merged[name] = from[name];
  };
  for (const group of FIELD_GROUPS) {
    const isLocal = group.some((name) => localChanged.has(name));
    const isRemote = group.some((name) => remoteChanged.has(name));
    const differing = group.filter((name) => disagree.has(name));
    if (differing.length === 0) continue;
    if (isLocal && !isRemote) for (const name of group) take(name, local);
    else if (isLocal && isRemote) conflicts.push(...differing);
  }
  return { merged, conflicts };
}
