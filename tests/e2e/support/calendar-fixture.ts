/**
 * Everything an end-to-end test needs: a real Radicale with seeded calendars, Concord started
 * with `npm start`, Chromium, and a person signed up with the Radicale account connected.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { makeCalendar, putObject } from "../../helpers/caldav-client.ts";
import { createRadicaleCollectionOnDisk, startRadicale, type RadicaleServer } from "../../helpers/radicale.ts";
import { launchBrowser, newPage } from "./browser.ts";
import { icsEvent } from "./ics-event.ts";
import { connectCaldav, signUp } from "./sign-up.ts";
import { startApp, type RunningApp } from "./start-app.ts";

export const caldavUser = { username: "alice", password: "alice-password" };

export interface SeedEvent {
  calendar: string;
  uid: string;
  title: string;
  start: string;
  end: string;
  rrule?: string;
}

export interface CalendarFixture {
  radicale: RadicaleServer;
  app: RunningApp;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** URL of an object in a seeded calendar, for changes "by another client". */
  objectUrl: (params: { calendar: string; uid: string }) => string;
  putEvent: (event: SeedEvent & { sequence?: number }) => Promise<void>;
  stop: () => Promise<void>;
}

/** Radicale's from_file rules (first match wins): the named collections are read-only for their owner. */
function rightsAllowingOnlyReads(readOnly: string[]): string {
  return [
    "[root]\nuser: .+\ncollection:\npermissions: R",
    "[principal]\nuser: .+\ncollection: {user}\npermissions: RW",
    ...readOnly.map(
      (name) => `[read-only-${name}]\nuser: .+\ncollection: {user}/${name.toLowerCase()}\npermissions: r`,
    ),
    "[calendars]\nuser: .+\ncollection: {user}/[^/]+\npermissions: rw",
    "",
  ].join("\n\n");
}

export async function startCalendarFixture(params: {
  calendars: { name: string; color: string }[];
  events: SeedEvent[];
  /** Calendars the account may read but not write, seeded through Radicale's storage. */
  readOnlyCalendars?: { name: string; color: string; events: Omit<SeedEvent, "calendar">[] }[];
}): Promise<CalendarFixture> {
  const readOnly = params.readOnlyCalendars ?? [];
  const radicale = await startRadicale({
    users: { [caldavUser.username]: caldavUser.password },
    ...(readOnly.length ? { rightsFile: rightsAllowingOnlyReads(readOnly.map((c) => c.name)) } : {}),
  });
  const cleanups: (() => Promise<unknown>)[] = [() => radicale.stop()];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const auth = caldavUser;
    const calendarUrl = (name: string) => radicale.calendarUrl({ user: auth.username, calendar: name.toLowerCase() });
    const objectUrl = ({ calendar, uid }: { calendar: string; uid: string }) => `${calendarUrl(calendar)}${uid}.ics`;
    const putEvent = async (event: SeedEvent & { sequence?: number }) => {
      await putObject({ url: objectUrl({ calendar: event.calendar, uid: event.uid }), ical: icsEvent(event), auth });
    };
    for (const calendar of params.calendars) {
      await makeCalendar({ url: calendarUrl(calendar.name), auth, displayName: calendar.name, color: calendar.color });
    }
    for (const event of params.events) await putEvent(event);
    for (const calendar of readOnly) {
      const dir = await createRadicaleCollectionOnDisk({
        server: radicale,
        user: auth.username,
        calendar: calendar.name.toLowerCase(),
        displayName: calendar.name,
        color: calendar.color,
      });
      for (const event of calendar.events) await writeFile(path.join(dir, `${event.uid}.ics`), icsEvent(event));
    }
    const app = await startApp();
    cleanups.push(() => app.stop());
    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const { context, page } = await newPage({ browser, baseURL: app.url });
    await signUp(page);
    await connectCaldav(page, { serverUrl: radicale.url, ...auth });
    return { radicale, app, browser, context, page, objectUrl, putEvent, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Opens the calendar at a view and date and waits until the events of the range were loaded. */
export async function openCalendar(page: Page, params: { view: string; date: string }): Promise<void> {
  const loaded = page.waitForResponse((response) => response.url().includes("/api/v1/events?") && response.ok());
  await page.goto(`/?view=${params.view}&date=${params.date}`);
  await loaded;
}

/** The rendered entry of an event in the calendar grid, found by its title text. */
export function calendarEvent(page: Page, title: string) {
  return page.getByTestId("calendar-event").filter({ hasText: title });
}

/** Runs "Sync now" in the sidebar and waits for its result message. */
export async function syncNow(page: Page): Promise<void> {
  const done = page.waitForResponse((response) => response.url().includes("/api/v1/sync?wait=true"), {
    timeout: 90_000,
  });
  await page.getByRole("button", { name: "Sync now" }).click();
  await done;
}
