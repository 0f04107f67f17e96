/**
 * One shape over both real CalDAV servers so provider tests can be table-driven:
 * `startCaldavTarget("radicale" | "xandikos")` starts the server and creates an empty VEVENT
 * calendar `work` that "another client" (plain fetch) and the adapter both use.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deleteObject, makeCalendar, putObject, setCalendarProperties, type ClientAuth } from "./caldav-client.ts";
import { startRadicale } from "./radicale.ts";
import { startXandikos } from "./xandikos.ts";

export type CaldavServerKind = "radicale" | "xandikos";
export const caldavServerKinds: CaldavServerKind[] = ["radicale", "xandikos"];

export interface CaldavTarget {
  kind: CaldavServerKind;
  serverUrl: string;
  username: string;
  password: string;
  /** Credentials the other client sends (undefined for Xandikos, which has no auth). */
  auth: ClientAuth | undefined;
  /** The empty `work` calendar, with a trailing slash. */
  calendarUrl: string;
  /** MKCALENDAR a sibling collection and return its URL. */
  addCalendar(params: { name: string; components?: string[]; displayName?: string; color?: string }): Promise<string>;
  /** PUT `<name>` into the work calendar as another client; returns the ETag. */
  putAsOtherClient(params: { name: string; ical: string; calendarUrl?: string }): Promise<string | null>;
  deleteAsOtherClient(params: { name: string }): Promise<void>;
  stop(): Promise<void>;
}

export async function startCaldavTarget(kind: CaldavServerKind): Promise<CaldavTarget> {
  if (kind === "radicale") {
    const server = await startRadicale({ users: { alice: "alice-password" } });
    const auth = { username: "alice", password: "alice-password" };
    const home = `${server.url}alice/`;
    return finish({
      kind,
      serverUrl: server.url,
      home,
      auth,
      username: auth.username,
      password: auth.password,
      stop: server.stop,
    });
  }
  const server = await startXandikos();
  return finish({
    kind,
    serverUrl: server.url,
    home: `${server.url}user/calendars/`,
    auth: undefined,
    username: "anyone",
    password: "unused",
    stop: server.stop,
  });
}

async function finish(params: {
  kind: CaldavServerKind;
  serverUrl: string;
  home: string;
  auth: ClientAuth | undefined;
  username: string;
  password: string;
  stop: () => Promise<void>;
}): Promise<CaldavTarget> {
  const { auth, home } = params;
  const addCalendar: CaldavTarget["addCalendar"] = async ({ name, components, displayName, color }) => {
    const url = `${home}${name}/`;
    await makeCalendar({ url, auth, components, displayName });
    if (color) await setCalendarProperties({ url, color, auth });
    return url;
  };
  let calendarUrl: string;
  try {
    calendarUrl = await addCalendar({ name: "work", displayName: "Work" });
  } catch (error) {
    // The caller never gets a handle to stop, so stop the server here.
    await params.stop();
    throw error;
  }
  return {
    kind: params.kind,
    serverUrl: params.serverUrl,
    username: params.username,
    password: params.password,
    auth,
    calendarUrl,
    addCalendar,
    putAsOtherClient: ({ name, ical, calendarUrl: target }) =>
      putObject({ url: `${target ?? calendarUrl}${name}`, ical, auth }),
    deleteAsOtherClient: ({ name }) => deleteObject({ url: `${calendarUrl}${name}`, auth }),
    stop: params.stop,
  };
}

const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "caldav", "events");

export const eventFixtureNames = [
  "timed-utc.ics",
  "all-day.ics",
  "floating.ics",
  "zoned.ics",
  "recurring-with-override.ics",
  "non-ascii.ics",
];

export function readEventFixture(name: string): Promise<string> {
  return readFile(path.join(fixturesDir, name), "utf8");
}

/** A minimal valid VEVENT resource (DTEND included, as iCloud requires). */
export function simpleEvent(params: { uid: string; summary?: string; start?: string }): string {
  const start = params.start ?? "20260401T090000Z";
  const end = start.replace(/T(\d\d)/, (_, h: string) => `T${String((Number(h) + 1) % 24).padStart(2, "0")}`);
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Concord tests//EN",
    "BEGIN:VEVENT",
    `UID:${params.uid}`,
    "DTSTAMP:20260301T120000Z",
    `DTSTART:${start}`,
    `DTEND:${end}`,
    `SUMMARY:${params.summary ?? params.uid}`,
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}
