/**
 * Google reminders for an event whose iCalendar carries VALARMs but no Google reminders of its
 * own — in practice one moved from a CalDAV calendar into Google. Without this Google would
 * apply the calendar's default reminders and the person's alarms would be gone.
 * An alarm maps when it fires a whole number of minutes before (or at) the start: TRIGGER as a
 * duration related to the start (RFC 5545 3.8.6.3). ACTION:EMAIL becomes an email reminder,
 * anything else a popup. Google takes at most five, each 0..40320 minutes (Events resource,
 * `reminders.overrides`); the rest stay in the iCalendar text only.
 */
import ICAL from "ical.js";
import type { GoogleEvent } from "./google-event.ts";

const MAX_REMINDERS = 5;
const MAX_MINUTES = 40_320;

interface Reminder {
  method: "email" | "popup";
  minutes: number;
}

function reminderOf(alarm: ICAL.Component): Reminder | null {
  const trigger = alarm.getFirstProperty("trigger");
  const value = trigger?.getFirstValue();
  if (!trigger || !(value instanceof ICAL.Duration)) return null;
  const related = String(trigger.getParameter("related") ?? "START").toUpperCase();
  const seconds = value.toSeconds();
  if (related !== "START" || seconds > 0 || seconds % 60 !== 0) return null;
  const minutes = Math.abs(seconds / 60);
  if (minutes > MAX_MINUTES) return null;
  const action = String(alarm.getFirstPropertyValue("action") ?? "").toUpperCase();
  return { method: action === "EMAIL" ? "email" : "popup", minutes };
}

export function remindersFromValarms(vevent: ICAL.Component): GoogleEvent["reminders"] | undefined {
  const reminders: Reminder[] = [];
  for (const alarm of vevent.getAllSubcomponents("valarm")) {
    const reminder = reminderOf(alarm);
    if (reminder && !reminders.some((r) => r.method === reminder.method && r.minutes === reminder.minutes)) {
      reminders.push(reminder);
    }
  }
  if (reminders.length === 0) return undefined;
  reminders.sort((a, b) => a.minutes - b.minutes || a.method.localeCompare(b.method));
  return { useDefault: false, overrides: reminders.slice(0, MAX_REMINDERS) };
}
