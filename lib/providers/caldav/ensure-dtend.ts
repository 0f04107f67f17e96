/**
 * iCloud rejects a VEVENT without DTEND (answering 404: bitfireAT/davx5-ose#1859), so every
 * VEVENT written there gets one: DURATION is converted, and a missing end takes the RFC 5545
 * §3.6.1 default (one day for a DATE start, the start itself for a DATE-TIME start).
 */
import ICAL from "ical.js";

export function ensureDtend(ical: string): string {
  const root = new ICAL.Component(ICAL.parse(ical));
  let changed = false;
  for (const event of root.getAllSubcomponents("vevent")) {
    if (event.hasProperty("dtend")) continue;
    const startProp = event.getFirstProperty("dtstart");
    const start = startProp?.getFirstValue();
    if (!startProp || !(start instanceof ICAL.Time)) continue;
    const end = start.clone();
    const duration = event.getFirstPropertyValue("duration");
    if (duration instanceof ICAL.Duration) end.addDuration(duration);
    else if (start.isDate) end.adjust(1, 0, 0, 0);
    event.removeAllProperties("duration");
    const endProp = new ICAL.Property("dtend", event);
    endProp.setValue(end);
    const tzid = startProp.getParameter("tzid");
    if (tzid) endProp.setParameter("tzid", tzid);
    event.addProperty(endProp);
    changed = true;
  }
  return changed ? root.toString() : ical;
}
