/**
 * The client-chosen name of a created object (lib/providers/types.ts createEvent). It must be
 * the same on every retry of one create, so a create whose response was lost finds its own
 * object instead of writing a second one. It is derived from the outbox entry's id: stable for
 * that entry, and new for a later re-creation (Google never reuses a deleted event's id).
 * 32 hex characters suit both a CalDAV resource name and a Google event id (base32hex,
 * 5-1024 characters).
 */
import { createHash } from "node:crypto";
import type { ProviderName } from "../../providers/types.ts";

export function suggestedRefFor(params: { changeId: string }): string {
  return createHash("sha256").update(params.changeId).digest("hex").slice(0, 32);
}

/** The ref under which `fetchEvent` finds an object created with `suggestedRef`. */
export function refForSuggested(params: { providerName: ProviderName; suggestedRef: string }): string {
  // CalDAV: `<name>.ics` relative to the collection (write-object.ts objectUrlFor).
  return params.providerName === "google" ? params.suggestedRef : `${params.suggestedRef}.ics`;
}
