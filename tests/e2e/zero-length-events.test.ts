/**
 * Events that end when they start (RFC 5545 §3.6.1: a DATE-TIME DTSTART without DTEND or
 * DURATION). A real DTSTART-only file put on Radicale by another client is edited through the
 * API and in the editor, and the copy on Radicale keeps its form; a new timed event may end
 * when it starts, an all-day one may not.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { putObject } from "../helpers/caldav-client.ts";
import { listOccurrences, readRemoteCalendar } from "./support/api-reads.ts";
import { saveScreenshot } from "./support/browser.ts";
import {
  caldavUser,
  calendarEvent,
  openCalendar,
  startCalendarFixture,
  syncNow,
  type CalendarFixture,
} from "./support/calendar-fixture.ts";

const fixturePath = path.resolve(import.meta.dirname, "../fixtures/ical/timed-no-dtend.ics");
const week = { start: "2027-03-07T00:00:00Z", end: "2027-03-14T00:00:00Z" };
let fixture: CalendarFixture;

/** The VEVENT of one UID as Radicale holds it now. */
async function remoteEvent(uid: string): Promise<string> {
  const text = await readRemoteCalendar(fixture, "Work");
  return text.split("BEGIN:VEVENT").find((block) => block.includes(`UID:${uid}`)) ?? "";
}

async function sendJson(page: Page, method: "POST" | "PATCH", url: string, data: unknown) {
  return page.request.fetch(url, {
    method,
    data: data as Record<string, unknown>,
    headers: { "content-type": "application/json", origin: fixture.app.url },
  });
}

async function waitUntilSynced(page: Page, title: string): Promise<void> {
  await expect
    .poll(async () => (await listOccurrences(page, week)).find((o) => o.title === title)?.syncState, {
      timeout: 60_000,
    })
    .toBe("synced");
}

beforeAll(async () => {
  fixture = await startCalendarFixture({ calendars: [{ name: "Work", color: "#3b6fd1" }], events: [] });
  const uid = "3c1f4a2e-plumber@example.org";
  await putObject({
    url: fixture.objectUrl({ calendar: "Work", uid }),
    ical: await readFile(fixturePath, "utf8"),
    auth: caldavUser,
  });
  await openCalendar(fixture.page, { view: "timeGridWeek", date: "2027-03-10" });
  await syncNow(fixture.page);
});

afterAll(async () => {
  await fixture?.stop();
});

describe("an event with DTSTART and no DTEND", () => {
  it("is shown as an instant and takes a new title through the API, keeping its form on Radicale", async () => {
    const { page } = fixture;
    const plumber = (await listOccurrences(page, week)).find((o) => o.title === "Call the plumber");
    expect(plumber).toMatchObject({ start: "2027-03-10T15:30:00Z", end: "2027-03-10T15:30:00Z" });
    const response = await sendJson(page, "PATCH", `/api/v1/events/${encodeURIComponent(plumber!.id)}`, {
      title: "Call the plumber about the boiler",
    });
    expect(response.status()).toBe(200);
    await waitUntilSynced(page, "Call the plumber about the boiler");
    const remote = await remoteEvent("3c1f4a2e-plumber@example.org");
    expect(remote).toContain("SUMMARY:Call the plumber about the boiler");
    expect(remote).toContain("DTSTART;TZID=Europe/Berlin:20270310T163000");
    // Only the title changed: no DTEND appears that the file did not have, the alarm stays.
    expect(remote).not.toMatch(/^(DTEND|DURATION)[;:]/m);
    expect(remote).toMatch(/^TRIGGER[^:\r\n]*:-PT15M/m);
  });

  it("opens in the editor and saves a new title there", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await calendarEvent(page, "Call the plumber").click();
    const editor = page.getByTestId("event-editor");
    await editor.getByLabel("Title").fill("Plumber: confirm Tuesday");
    const saved = page.waitForResponse((r) => r.url().includes("/api/v1/events/") && r.request().method() === "PATCH");
    await editor.getByRole("button", { name: "Save" }).click();
    expect((await saved).status()).toBe(200);
    await saveScreenshot(page, "zero-length-edited");
    await waitUntilSynced(page, "Plumber: confirm Tuesday");
    const remote = await remoteEvent("3c1f4a2e-plumber@example.org");
    expect(remote).toContain("SUMMARY:Plumber: confirm Tuesday");
    expect(remote).not.toMatch(/^(DTEND|DURATION)[;:]/m);
  });

  it("creates a timed event that ends when it starts, but no all-day event without a day", async () => {
    const { page } = fixture;
    const calendarId = (await (await page.request.get("/api/v1/calendars")).json()).items[0].id as string;
    const created = await sendJson(page, "POST", "/api/v1/events", {
      calendarId,
      title: "Meter reading",
      start: "2027-03-11T07:00:00Z",
      end: "2027-03-11T07:00:00Z",
      timeZone: "UTC",
    });
    expect(created.status()).toBe(201);
    await waitUntilSynced(page, "Meter reading");
    const remote = await remoteEvent((await created.json()).uid as string);
    expect(remote).toContain("SUMMARY:Meter reading");
    // DTEND equal to DTSTART: iCloud refuses a VEVENT without DTEND, so one is always written.
    expect(remote).toMatch(/DTSTART[^\r\n]*:20270311T070000Z/);
    expect(remote).toMatch(/DTEND[^\r\n]*:20270311T070000Z/);
    const allDay = await sendJson(page, "POST", "/api/v1/events", {
      calendarId,
      title: "Nothing",
      start: "2027-03-11",
      end: "2027-03-11",
      allDay: true,
    });
    expect(allDay.status()).toBe(422);
  });
});
