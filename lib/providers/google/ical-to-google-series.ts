import ICAL from "ical.js";
import { ProviderError } from "../errors.ts";
import type { GoogleEvent, GoogleEventTime } from "./google-event.ts";
import { READ_ONLY_FIELDS } from "./google-event.ts";
import { readCarriedFields, X_GOOGLE_ETAG, X_GOOGLE_FIELDS, X_GOOGLE_ID } from "./google-series-to-ical.ts";
import { stampOfIcalTime, toEventTime } from "./ical-time-values.ts";
import { remindersFromValarms } from "./reminders-from-valarms.ts";

/** One VEVENT as a Google event body, with the Google id/etag it was read from (if any). */
export interface GoogleMember {
  resource: GoogleEvent;
  googleId?: string;
  etag?: string;
}

export interface GoogleOverride extends GoogleMember {
  /** Instance-id stamp of the replaced occurrence. */
  stamp: string;
  originalStartTime: GoogleEventTime;
  isCancelled: boolean;
}

export interface GoogleSeriesBody {
  uid: string;
  master: GoogleMember;
  overrides: GoogleOverride[];
}

const STATUS: Record<string, string> = { CONFIRMED: "confirmed", TENTATIVE: "tentative", CANCELLED: "cancelled" };
const VISIBILITY: Record<string, string> = { PUBLIC: "public", PRIVATE: "private", CONFIDENTIAL: "confidential" };

function timeOf(vevent: ICAL.Component, name: string): GoogleEventTime | undefined {
  const property = vevent.getFirstProperty(name);
  if (!property) return undefined;
  return toEventTime(property.getFirstValue() as ICAL.Time, property.getParameter("tzid") as string | undefined);
}

function textOf(vevent: ICAL.Component, name: string): string | null {
  const value = vevent.getFirstPropertyValue(name);
  return value === null || value === undefined ? null : String(value);
}

function endOf(vevent: ICAL.Component): GoogleEventTime | undefined {
  const end = timeOf(vevent, "dtend");
  if (end) return end;
  const start = vevent.getFirstProperty("dtstart");
  if (!start) return undefined;
  // RFC 5545 3.6.1: no DTEND means DURATION, else one day for dates and zero length otherwise.
  const value = (start.getFirstValue() as ICAL.Time).clone();
  const duration = vevent.getFirstPropertyValue("duration") as ICAL.Duration | null;
  if (duration) value.addDuration(duration);
  else if (value.isDate) value.day += 1;
  return toEventTime(value, start.getParameter("tzid") as string | undefined);
}

function googleFieldsOf(vevent: ICAL.Component): Record<string, unknown> {
  const property = vevent.getFirstProperty(X_GOOGLE_FIELDS);
  if (!property) return {};
  const fields = readCarriedFields(property);
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !READ_ONLY_FIELDS.has(key)));
}

function toResource(vevent: ICAL.Component): GoogleEvent {
  const recurrence = ["rrule", "rdate", "exdate", "exrule"].flatMap((name) =>
    vevent.getAllProperties(name).map((p) => p.toICALString()),
  );
  const status = textOf(vevent, "status");
  const transp = textOf(vevent, "transp");
  const klass = textOf(vevent, "class");
  const resource: GoogleEvent = {
    ...googleFieldsOf(vevent),
    summary: textOf(vevent, "summary"),
    description: textOf(vevent, "description"),
    location: textOf(vevent, "location"),
    start: timeOf(vevent, "dtstart"),
    end: endOf(vevent),
  };
  if (recurrence.length > 0) resource.recurrence = recurrence;
  // Google's own reminders (carried in X-CONCORD-GOOGLE) win; VALARMs speak only for an event
  // that never had them, such as one moved here from a CalDAV calendar.
  if (resource.reminders === undefined) {
    const reminders = remindersFromValarms(vevent);
    if (reminders) resource.reminders = reminders;
  }
  if (status && STATUS[status]) resource.status = STATUS[status];
  if (transp) resource.transparency = transp === "TRANSPARENT" ? "transparent" : "opaque";
  if (klass && VISIBILITY[klass]) resource.visibility = VISIBILITY[klass];
  return resource;
}

function memberOf(vevent: ICAL.Component): GoogleMember {
  return {
    resource: toResource(vevent),
    googleId: textOf(vevent, X_GOOGLE_ID) ?? undefined,
    etag: textOf(vevent, X_GOOGLE_ETAG) ?? undefined,
  };
}

/** Concord's iCalendar (master + RECURRENCE-ID overrides) as Google event bodies. */
export function icalToGoogleSeries(ical: string): GoogleSeriesBody {
  let vcalendar: ICAL.Component;
  try {
    vcalendar = new ICAL.Component(ICAL.parse(ical));
  } catch {
    throw new ProviderError("The event is not valid iCalendar.");
  }
  const vevents = vcalendar.getAllSubcomponents("vevent");
  const masterEvent = vevents.find((v) => !v.hasProperty("recurrence-id"));
  if (!masterEvent) throw new ProviderError("The iCalendar object has no master VEVENT.");
  const uid = textOf(masterEvent, "uid") ?? "";
  const overrides = vevents
    .filter((v) => v.hasProperty("recurrence-id"))
    .map((vevent): GoogleOverride => {
      const property = vevent.getFirstProperty("recurrence-id");
      const value = property?.getFirstValue() as ICAL.Time;
      const tzid = property?.getParameter("tzid") as string | undefined;
      const member = memberOf(vevent);
      return {
        ...member,
        stamp: stampOfIcalTime(value, tzid),
        originalStartTime: toEventTime(value, tzid),
        isCancelled: member.resource.status === "cancelled",
      };
    });
  return { uid, master: memberOf(masterEvent), overrides };
}

/**
 * The Google fields that carry the named Concord fields (lib/ical EventFields names); anything
 * else ("the rest", alarms, attendees, ...) selects every unmodelled field. Empty = everything.
 */
export function googleFieldsFor(fields: string[], resource: GoogleEvent): string[] {
  const all = Object.keys(resource).filter((key) => key !== "recurrence" || resource.recurrence);
  if (fields.length === 0) return all;
  const out = new Set<string>();
  for (const field of fields) {
    if (field === "title") out.add("summary");
    else if (field === "description" || field === "location" || field === "status") out.add(field);
    else if (field === "start" || field === "end" || field === "allDay" || field === "timeZone") {
      out.add("start");
      out.add("end");
    } else if (field === "recurrence") out.add("recurrence");
    else
      for (const key of Object.keys(resource))
        if (!["summary", "description", "location", "status", "start", "end", "recurrence"].includes(key)) out.add(key);
  }
  return [...out];
}

/** A patch body: chosen fields, absent ones as `null` so Google clears them. */
export function patchBodyOf(resource: GoogleEvent, googleFields: string[]): GoogleEvent {
  const body: GoogleEvent = {};
  for (const field of googleFields) {
    if (field === "recurrence") body.recurrence = resource.recurrence ?? [];
    else if (field === "start" || field === "end")
      (body as Record<string, unknown>)[field] = explicitTime(resource[field]);
    else body[field] = resource[field] ?? null;
  }
  return body;
}

/**
 * Patch merges nested objects, so switching between all-day and timed must clear the other
 * form explicitly (`date: null` / `dateTime: null`), as Google's own clients do.
 */
function explicitTime(time: GoogleEventTime | null | undefined): GoogleEventTime | null {
  if (!time) return null;
  if (time.date) return { date: time.date, dateTime: null, timeZone: null };
  return { date: null, dateTime: time.dateTime, timeZone: time.timeZone ?? null };
}

/** An insert body: no nulls. */
export function insertBodyOf(resource: GoogleEvent): GoogleEvent {
  return Object.fromEntries(
    Object.entries(resource).filter(([, value]) => value !== null && value !== undefined),
  ) as GoogleEvent;
}
