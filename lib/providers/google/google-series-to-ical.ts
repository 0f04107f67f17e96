import { createHash } from "node:crypto";
import ICAL from "ical.js";
import { parseCalendarTree, serializeContentTree } from "../../ical/content-lines.ts";
import { ensureVtimezones } from "../../ical/ensure-vtimezones.ts";
import type { GoogleEvent, GoogleEventTime } from "./google-event.ts";
import { MODELLED_FIELDS } from "./google-event.ts";
import { stampOfEventTime, stampOfIcalTime, toIcalTime } from "./ical-time-values.ts";

export const PROD_ID = "-//Concord//Google Calendar//EN";
/** Every Google field Concord does not model, as base64 JSON (see carriedFieldsProperty). */
export const X_GOOGLE_FIELDS = "x-concord-google";
export const X_GOOGLE_ID = "x-concord-google-id";
export const X_GOOGLE_ETAG = "x-concord-google-etag";

const STATUS: Record<string, string> = { confirmed: "CONFIRMED", tentative: "TENTATIVE", cancelled: "CANCELLED" };
const CLASS: Record<string, string> = { public: "PUBLIC", private: "PRIVATE", confidential: "CONFIDENTIAL" };

function addTime(vevent: ICAL.Component, name: string, time: GoogleEventTime, zone?: string | null): void {
  const { value, tzid } = toIcalTime(time, zone);
  const property = new ICAL.Property(name);
  property.setValue(value);
  if (tzid) property.setParameter("tzid", tzid);
  vevent.addProperty(property);
}

function addText(vevent: ICAL.Component, name: string, value: string | null | undefined): void {
  if (value !== undefined && value !== null && value !== "") vevent.addPropertyWithValue(name, value);
}

function utc(value: string | null | undefined): ICAL.Time {
  const ms = value ? Date.parse(value) : Number.NaN;
  return ICAL.Time.fromJSDate(Number.isNaN(ms) ? new Date(0) : new Date(ms), true);
}

function unmodelledFields(event: GoogleEvent): Record<string, unknown> | null {
  const rest = Object.fromEntries(Object.entries(event).filter(([key]) => !MODELLED_FIELDS.has(key)));
  return Object.keys(rest).length > 0 ? rest : null;
}

/**
 * The unmodelled Google fields as one property: base64 JSON as a plain value. Not as
 * `ENCODING=BASE64;VALUE=BINARY` (RFC 5545 3.3.1), which the first version wrote: Radicale
 * (vobject) answers 400 to an X- property carrying it, so an event moved from Google to such
 * a server could never be written. Readers take both forms.
 */
export function carriedFieldsProperty(fields: Record<string, unknown>): ICAL.Property {
  return ICAL.Property.fromString(`X-CONCORD-GOOGLE:${Buffer.from(JSON.stringify(fields)).toString("base64")}`);
}

/** The fields carriedFieldsProperty wrote (either form); throws when the value is not base64 JSON. */
export function readCarriedFields(property: ICAL.Property): Record<string, unknown> {
  const value = property.getFirstValue() as unknown;
  const base64 = typeof value === "string" ? value : String(value);
  return JSON.parse(Buffer.from(base64, "base64").toString("utf8")) as Record<string, unknown>;
}

function toVevent(event: GoogleEvent, params: { uid: string; masterZone?: string | null }): ICAL.Component {
  const vevent = new ICAL.Component("vevent");
  vevent.addPropertyWithValue("uid", params.uid);
  vevent.addPropertyWithValue("dtstamp", utc(event.updated));
  if (event.created) vevent.addPropertyWithValue("created", utc(event.created));
  if (event.updated) vevent.addPropertyWithValue("last-modified", utc(event.updated));
  vevent.addPropertyWithValue("sequence", event.sequence ?? 0);
  if (event.originalStartTime) addTime(vevent, "recurrence-id", event.originalStartTime, params.masterZone);
  if (event.start) addTime(vevent, "dtstart", event.start);
  if (event.end) addTime(vevent, "dtend", event.end);
  addText(vevent, "summary", event.summary);
  addText(vevent, "description", event.description);
  addText(vevent, "location", event.location);
  if (event.status && STATUS[event.status]) vevent.addPropertyWithValue("status", STATUS[event.status]);
  if (event.transparency)
    vevent.addPropertyWithValue("transp", event.transparency === "transparent" ? "TRANSPARENT" : "OPAQUE");
  if (event.visibility && CLASS[event.visibility]) vevent.addPropertyWithValue("class", CLASS[event.visibility]);
  for (const line of event.recurrence ?? []) vevent.addProperty(ICAL.Property.fromString(line));
  if (event.id) vevent.addPropertyWithValue(X_GOOGLE_ID, event.id);
  if (event.etag) vevent.addPropertyWithValue(X_GOOGLE_ETAG, event.etag);
  const rest = unmodelledFields(event);
  if (rest) vevent.addProperty(carriedFieldsProperty(rest));
  return vevent;
}

function existingExdateStamps(master: ICAL.Component): Set<string> {
  const stamps = new Set<string>();
  for (const property of master.getAllProperties("exdate")) {
    const tzid = property.getParameter("tzid") as string | undefined;
    for (const value of property.getValues() as ICAL.Time[]) stamps.add(stampOfIcalTime(value, tzid));
  }
  return stamps;
}

/**
 * A series etag that changes whenever any member changes: the master's own etag when it has no
 * exceptions, else `"<master digits>-<hash of every member etag>"`. {@link masterEtagOf} recovers
 * the master's etag for If-Match.
 */
export function seriesEtag(master: GoogleEvent, exceptions: GoogleEvent[]): string | null {
  if (!master.etag || exceptions.length === 0) return master.etag ?? null;
  const hash = createHash("sha256")
    .update([master.etag, ...exceptions.map((e) => `${e.id}:${e.etag}`).sort()].join("\n"))
    .digest("hex")
    .slice(0, 16);
  return `"${master.etag.replace(/"/g, "")}-${hash}"`;
}

export function masterEtagOf(etag: string | null | undefined): string | undefined {
  if (!etag) return undefined;
  const match = /^"([^"-]+)-[0-9a-f]{16}"$/.exec(etag);
  return match ? `"${match[1]}"` : etag;
}

/**
 * One Google series (or single event) as Concord's canonical iCalendar: the master VEVENT,
 * each modified instance as a RECURRENCE-ID override, each cancelled instance as an EXDATE
 * (RFC 5545 3.8.4.4, 3.8.5.1). Unmodelled Google fields ride along per VEVENT.
 */
export function googleSeriesToIcal(params: { master: GoogleEvent; exceptions: GoogleEvent[] }): string {
  const { master } = params;
  const uid = master.iCalUID ?? `${master.id}@google.com`;
  const vcalendar = new ICAL.Component("vcalendar");
  vcalendar.addPropertyWithValue("prodid", PROD_ID);
  vcalendar.addPropertyWithValue("version", "2.0");
  const masterZone = master.start?.date ? null : (master.start?.timeZone ?? null);
  const masterEvent = toVevent(master, { uid });
  vcalendar.addSubcomponent(masterEvent);
  const exdates = existingExdateStamps(masterEvent);
  const sorted = [...params.exceptions].sort((a, b) => (a.id ?? "").localeCompare(b.id ?? ""));
  for (const exception of sorted) {
    const original = exception.originalStartTime ?? stampToEventTime(exception.id ?? "", master);
    if (!original) continue;
    if (exception.status === "cancelled") {
      const stamp = stampOfEventTime(original);
      if (exdates.has(stamp)) continue;
      exdates.add(stamp);
      addTime(masterEvent, "exdate", original, masterZone);
      continue;
    }
    vcalendar.addSubcomponent(toVevent({ ...exception, originalStartTime: original }, { uid, masterZone }));
  }
  return withVtimezones(vcalendar.toString(), master);
}

/** RFC 5545 3.2.19: every TZID used needs its VTIMEZONE in the same object. */
function withVtimezones(text: string, master: GoogleEvent): string {
  const tzids = new Set([...text.matchAll(/;TZID=([^;:]+)/g)].map((m) => m[1] ?? ""));
  if (tzids.size === 0) return text.endsWith("\r\n") ? text : `${text}\r\n`;
  const tree = parseCalendarTree(text);
  const around = Date.parse(master.start?.dateTime ?? master.start?.date ?? "");
  ensureVtimezones(tree, tzids, Number.isNaN(around) ? Date.now() : around);
  return serializeContentTree([tree]);
}

/** Cancelled instances sometimes carry only `id` (observed, Compass): rebuild the original start. */
function stampToEventTime(id: string, master: GoogleEvent): GoogleEventTime | null {
  const match = /_(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/.exec(id);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  if (!h || master.start?.date) return { date: `${y}-${mo}-${d}` };
  return { dateTime: `${y}-${mo}-${d}T${h}:${mi}:${s}Z`, timeZone: master.start?.timeZone ?? undefined };
}
