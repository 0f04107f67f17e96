import type { ProviderTraits } from "../provider-traits.ts";
import { icalLeavingGoogle } from "./ical-leaving-google.ts";

/**
 * Google keeps the client-chosen event id as the ref. An event leaving Google for a CalDAV
 * calendar is rewritten: popup reminders become alarms, and the carried Google fields take the
 * plain form CalDAV servers accept (ical-leaving-google.ts).
 */
export const googleTraits: ProviderTraits = {
  outgoingIcal: (ical) => ical,
  refForSuggested: (suggestedRef) => suggestedRef,
  icalLeaving: ({ ical, target }) => (target === "google" ? ical : icalLeavingGoogle(ical)),
  uidUniquePerAccount: false,
};
