/**
 * iCloud does implicit scheduling: without SCHEDULE-AGENT=CLIENT on the attendees (RFC 6638
 * section 7.1) every edit mails every guest, so the text written there always carries it.
 * DTEND is always present: lib/ical writes it on every edit and the iCloud adapter adds it to
 * anything that lacks one. iCloud keeps one UID in one calendar of an account (python-caldav's
 * iCloud compatibility hints), so moves inside an account delete before they create.
 */
import { setScheduleAgentClient } from "../ical/set-schedule-agent-client.ts";
import { caldavTraits } from "./caldav/caldav-traits.ts";
import type { ProviderTraits } from "./provider-traits.ts";

export const icloudTraits: ProviderTraits = {
  ...caldavTraits,
  outgoingIcal: (ical) => (/^ATTENDEE[;:]/m.test(ical) ? setScheduleAgentClient(ical) : ical),
  uidUniquePerAccount: true,
};
