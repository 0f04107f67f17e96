/** The docs/api.md conflict object; kinds lower-case (`edit_edit`, `edit_delete`, `delete_edit`). */
import type { Conflict } from "../db/generated/client.ts";

export interface ApiConflict {
  id: string;
  eventId: string;
  calendarId: string;
  kind: "edit_edit" | "edit_delete" | "delete_edit";
  fields: string[];
  base: unknown;
  local: unknown;
  remote: unknown;
  status: "open" | "resolved";
  createdAt: string;
  resolvedAt: string | null;
}

export function serializeConflict(row: Conflict): ApiConflict {
  return {
    id: row.id,
    eventId: row.eventId,
    calendarId: row.calendarId,
    kind: row.kind.toLowerCase() as ApiConflict["kind"],
    fields: row.fields,
    base: row.base ?? null,
    local: row.local ?? null,
    remote: row.remote ?? null,
    status: row.status === "OPEN" ? "open" : "resolved",
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}
