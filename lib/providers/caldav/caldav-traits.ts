import type { ProviderTraits } from "../provider-traits.ts";

/** A plain CalDAV server stores the text as sent, under `<name>.ics` in the collection. */
export const caldavTraits: ProviderTraits = {
  outgoingIcal: (ical) => ical,
  // write-object.ts objectUrlFor: the resource name is the suggested ref plus `.ics`.
  refForSuggested: (suggestedRef) => `${suggestedRef}.ics`,
  icalLeaving: ({ ical }) => ical,
  uidUniquePerAccount: false,
};
