/**
 * The text actually written remotely. iCloud does implicit scheduling: without
 * SCHEDULE-AGENT=CLIENT on the attendees (RFC 6638 §7.1) every edit mails every guest
 * (DESIGN.md "iCloud"). DTEND is always present: lib/ical writes it on every edit and the
 * iCloud adapter adds it to anything that lacks one.
 */
import { setScheduleAgentClient } from "../../ical/set-schedule-agent-client.ts";
import type { ProviderName } from "../../providers/types.ts";

export function outgoingIcal(params: { providerName: ProviderName; ical: string }): string {
  if (params.providerName === "icloud" && /^ATTENDEE[;:]/m.test(params.ical))
    return setScheduleAgentClient(params.ical);
  return params.ical;
}
