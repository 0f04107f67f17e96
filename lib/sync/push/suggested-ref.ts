/**
 * The client-chosen name of a created object (lib/providers/types.ts createEvent). It must be
 * the same on every retry of one create, so a create whose response was lost finds its own
 * object instead of writing a second one. It is derived from the outbox entry's id: stable for
 * that entry, and new for a later re-creation (Google never reuses a deleted event's id).
 * 32 hex characters suit both a CalDAV resource name and a Google event id (base32hex,
 * 5-1024 characters).
 */
import { createHash } from "node:crypto";

export function suggestedRefFor(params: { changeId: string }): string {
  return createHash("sha256").update(params.changeId).digest("hex").slice(0, 32);
}
