/**
 * An event's iCalendar as it leaves Google for a CalDAV calendar (a move):
 * - Google's popup reminders, carried in X-CONCORD-GOOGLE, become DISPLAY VALARMs and leave the
 *   carried fields, so on the CalDAV side the alarms live in one place, where a phone can change
 *   them, and a move back into Google reads them (reminders-from-valarms.ts). Email reminders
 *   have no faithful VALARM (an EMAIL alarm names its recipients, and CalDAV servers send no
 *   mail): they are dropped. A calendar's default reminders (`useDefault`) are not known here.
 * - The carried fields are rewritten in the plain form Radicale accepts (carriedFieldsProperty);
 *   the rest of them ride along for a move back.
 */
import ICAL from "ical.js";
import { carriedFieldsProperty, readCarriedFields, X_GOOGLE_FIELDS } from "./google-series-to-ical.ts";

function carriedFields(property: ICAL.Property): Record<string, unknown> | null {
  try {
    const fields = readCarriedFields(property) as unknown;
    return fields && typeof fields === "object" && !Array.isArray(fields) ? (fields as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function popupMinutes(reminders: unknown): number[] {
  const value = reminders as { useDefault?: unknown; overrides?: unknown } | null;
  if (!value || value.useDefault !== false || !Array.isArray(value.overrides)) return [];
  const minutes = value.overrides.flatMap((override: { method?: unknown; minutes?: unknown }) =>
    override?.method === "popup" && typeof override.minutes === "number" && override.minutes >= 0
      ? [override.minutes]
      : [],
  );
  return [...new Set(minutes)].sort((a, b) => a - b);
}

function addAlarms(vevent: ICAL.Component, minutesBefore: number[]): void {
  const present = new Set(
    vevent.getAllSubcomponents("valarm").map((alarm) => String(alarm.getFirstPropertyValue("trigger") ?? "")),
  );
  const description = String(vevent.getFirstPropertyValue("summary") ?? "") || "Reminder";
  for (const minutes of minutesBefore) {
    const trigger = ICAL.Duration.fromSeconds(-minutes * 60);
    if (present.has(trigger.toString())) continue;
    const alarm = new ICAL.Component("valarm");
    alarm.addPropertyWithValue("action", "DISPLAY");
    alarm.addPropertyWithValue("description", description);
    alarm.addPropertyWithValue("trigger", trigger);
    vevent.addSubcomponent(alarm);
  }
}

/** Returns the text unchanged when no VEVENT carries Google fields. */
export function icalLeavingGoogle(ical: string): string {
  let vcalendar: ICAL.Component;
  try {
    vcalendar = new ICAL.Component(ICAL.parse(ical));
  } catch {
    return ical;
  }
  let changed = false;
  for (const vevent of vcalendar.getAllSubcomponents("vevent")) {
    for (const property of vevent.getAllProperties(X_GOOGLE_FIELDS)) {
      const fields = carriedFields(property);
      vevent.removeProperty(property);
      changed = true;
      if (!fields) {
        // Not ours to judge: kept as it was, in the plain form.
        vevent.addProperty(ICAL.Property.fromString(`X-CONCORD-GOOGLE:${String(property.getFirstValue())}`));
        continue;
      }
      const { reminders, ...rest } = fields;
      if (Object.keys(rest).length > 0) vevent.addProperty(carriedFieldsProperty(rest));
      addAlarms(vevent, popupMinutes(reminders));
    }
  }
  if (!changed) return ical;
  const text = vcalendar.toString();
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
}
