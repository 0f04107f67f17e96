/**
 * What the engine must know of a provider without connecting to it: how the text it writes and
 * the names it gives differ from the neutral form. Each adapter owns its traits (next to its
 * code); the engine and the edit layer ask `providerTraits(name)` instead of branching on a
 * provider's name themselves.
 */
import { caldavTraits } from "./caldav/caldav-traits.ts";
import { googleTraits } from "./google/google-traits.ts";
import { icloudTraits } from "./icloud-traits.ts";
import type { ProviderName } from "./types.ts";

export interface ProviderTraits {
  /** The text actually written remotely for a stored event text. */
  outgoingIcal(ical: string): string;
  /** The ref under which `fetchEvent` finds an object created with `suggestedRef`. */
  refForSuggested(suggestedRef: string): string;
  /** An event of this provider's calendar as it moves into a calendar of `target`. */
  icalLeaving(params: { ical: string; target: ProviderName }): string;
  /**
   * One UID may live in only one calendar of an account, so a move between two calendars of the
   * same account must delete from the source before it creates in the target.
   */
  uidUniquePerAccount: boolean;
}

const traits: Record<ProviderName, ProviderTraits> = {
  caldav: caldavTraits,
  icloud: icloudTraits,
  google: googleTraits,
};

export function providerTraits(name: ProviderName): ProviderTraits {
  return traits[name];
}
