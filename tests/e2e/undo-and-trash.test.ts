/**
 * Undo and the Trash in Chromium against Radicale: Undo in the toast brings a deleted event
 * back, Ctrl+Z puts a dragged event back at its old time on the server, and the Trash page
 * restores a deletion that already reached the server. Screenshots at desktop and phone size.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { saveScreenshot } from "./support/browser.ts";
import { listOccurrences, readRemoteCalendar } from "./support/api-reads.ts";
import {
  calendarEvent,
  openCalendar,
  startCalendarFixture,
  syncNow,
  type CalendarFixture,
} from "./support/calendar-fixture.ts";
import { centerOf, dragBetween, slotPoint } from "./support/time-grid.ts";

const week = { start: "2027-03-07T00:00:00Z", end: "2027-03-14T00:00:00Z" };
let fixture: CalendarFixture;

beforeAll(async () => {
  fixture = await startCalendarFixture({
    calendars: [{ name: "Work", color: "#3b6fd1" }],
    events: [
      { calendar: "Work", uid: "lunch", title: "Lunch", start: "2027-03-10T11:00:00Z", end: "2027-03-10T12:00:00Z" },
      { calendar: "Work", uid: "call", title: "Call", start: "2027-03-11T09:00:00Z", end: "2027-03-11T10:00:00Z" },
      { calendar: "Work", uid: "gym", title: "Gym", start: "2027-03-12T16:00:00Z", end: "2027-03-12T17:00:00Z" },
    ],
  });
  await openCalendar(fixture.page, { view: "timeGridWeek", date: "2027-03-10" });
  await syncNow(fixture.page);
});

afterAll(async () => {
  await fixture?.stop();
});

const remoteHas = async (text: string) => (await readRemoteCalendar(fixture, "Work")).includes(text);

async function deleteInEditor(page: Page, title: string): Promise<void> {
  await calendarEvent(page, title).click();
  await page.getByTestId("event-editor").getByRole("button", { name: "Delete" }).click();
  await calendarEvent(page, title).waitFor({ state: "detached" });
}

describe("undo and trash", () => {
  it("brings a deleted event back with Undo in the toast, on the server too", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await deleteInEditor(page, "Lunch");
    const toast = page.getByTestId("undo-toast");
    await toast.filter({ hasText: "Deleted “Lunch”." }).waitFor();
    await saveScreenshot(page, "undo-toast-after-delete");
    await toast.getByRole("button", { name: "Undo" }).click();
    await calendarEvent(page, "Lunch").waitFor();
    await page.getByTestId("notice-info").filter({ hasText: "Undone" }).waitFor();
    await expect
      .poll(async () => (await listOccurrences(page, week)).find((o) => o.title === "Lunch")?.syncState, {
        timeout: 30_000,
      })
      .toBe("synced");
    expect(await remoteHas("SUMMARY:Lunch")).toBe(true);
  });

  it("puts a dragged event back at its old time with Ctrl+Z", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    const call = calendarEvent(page, "Call");
    const from = await centerOf(call);
    const thursday = await slotPoint(page, { date: "2027-03-11", time: "10:00" });
    const friday = await slotPoint(page, { date: "2027-03-12", time: "10:00" });
    const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/api/v1/events/"));
    await dragBetween(page, from, { x: friday.x, y: from.y + (friday.y - thursday.y) });
    expect((await saved).status()).toBe(200);
    await page.getByTestId("undo-toast").filter({ hasText: "Moved “Call”." }).waitFor();
    // The move reached Radicale before the undo.
    await expect.poll(() => remoteHas("20270312T090000Z"), { timeout: 30_000 }).toBe(true);
    await page.keyboard.press("Control+z");
    await page.getByTestId("notice-info").filter({ hasText: "Undone: Moved “Call”." }).waitFor();
    await expect
      .poll(async () => (await listOccurrences(page, week)).find((o) => o.title === "Call")?.start, { timeout: 30_000 })
      .toBe("2027-03-11T09:00:00Z");
    await expect
      .poll(
        async () => (await readRemoteCalendar(fixture, "Work")).match(/DTSTART[^:\r\n]*:20270311T(090000Z|100000)/),
        {
          timeout: 30_000,
        },
      )
      .toBeTruthy();
    expect(await remoteHas("20270312T090000Z")).toBe(false);
    // And the grid shows it in Thursday's column again.
    const thursdayColumn = await slotPoint(page, { date: "2027-03-11", time: "10:00" });
    await expect
      .poll(async () => {
        const box = await calendarEvent(page, "Call").boundingBox();
        return box ? Math.abs(box.x + box.width / 2 - thursdayColumn.x) : Infinity;
      })
      .toBeLessThan(80);
    await saveScreenshot(page, "undo-drag-with-ctrl-z");
  });

  it("undoes an edit with Ctrl+Z, but not while the person types in a field", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await calendarEvent(page, "Call").click();
    let editor = page.getByTestId("event-editor");
    await editor.getByLabel("Title").fill("Call with Ann");
    await editor.getByRole("button", { name: "Save" }).click();
    await page.getByTestId("undo-toast").filter({ hasText: "Changed “Call with Ann”." }).waitFor();
    await calendarEvent(page, "Call with Ann").click();
    editor = page.getByTestId("event-editor");
    const title = editor.getByLabel("Title");
    await title.fill("Call with Ann and Bo");
    await title.press("Control+z");
    await editor.getByRole("button", { name: "Cancel" }).click();
    await editor.waitFor({ state: "detached" });
    expect((await listOccurrences(page, week)).some((o) => o.title === "Call with Ann")).toBe(true);
    await page.keyboard.press("Control+z");
    await page.getByTestId("notice-info").filter({ hasText: "Undone: Changed “Call with Ann”." }).waitFor();
    await calendarEvent(page, "Call").filter({ hasNotText: "Ann" }).waitFor();
    await expect
      .poll(async () => /SUMMARY:Call\r?\n/.test(await readRemoteCalendar(fixture, "Work")), { timeout: 30_000 })
      .toBe(true);
  });

  it("restores a deleted event from the Trash after the deletion reached the server", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await deleteInEditor(page, "Gym");
    await expect.poll(() => remoteHas("SUMMARY:Gym"), { timeout: 30_000 }).toBe(false);
    await page.goto("/settings/trash");
    const row = page.getByTestId("trash-row").filter({ hasText: "Gym" });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Work/);
    await saveScreenshot(page, "trash-page");
    await row.getByRole("button", { name: "Restore Gym" }).click();
    await page.getByTestId("notice-info").filter({ hasText: "Restored “Gym” to Work." }).waitFor();
    await row.waitFor({ state: "detached" });
    await expect.poll(() => remoteHas("SUMMARY:Gym"), { timeout: 30_000 }).toBe(true);
    expect(await remoteHas("UID:gym")).toBe(true);
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await calendarEvent(page, "Gym").waitFor();
  });

  it("lists and restores from the Trash on a phone", async () => {
    const context = await fixture.browser.newContext({
      baseURL: fixture.app.url,
      storageState: await fixture.context.storageState(),
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      timezoneId: "Europe/Berlin",
      locale: "en-GB",
    });
    try {
      const page = await context.newPage();
      await deleteInEditor(fixture.page, "Lunch");
      await page.goto("/settings/trash");
      const row = page.getByTestId("trash-row").filter({ hasText: "Lunch" });
      await row.waitFor();
      const box = await row.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
      await saveScreenshot(page, "trash-page-phone");
      await row.getByRole("button", { name: "Restore Lunch" }).tap();
      await row.waitFor({ state: "detached" });
      await expect
        .poll(async () => (await listOccurrences(page, week)).some((o) => o.title === "Lunch"), { timeout: 30_000 })
        .toBe(true);
    } finally {
      await context.close();
    }
  });

  it("fits the Trash into a 700 px window", async () => {
    const context = await fixture.browser.newContext({
      baseURL: fixture.app.url,
      storageState: await fixture.context.storageState(),
      viewport: { width: 700, height: 900 },
      timezoneId: "Europe/Berlin",
      locale: "en-GB",
    });
    try {
      const page = await context.newPage();
      await openCalendar(fixture.page, { view: "timeGridWeek", date: "2027-03-10" });
      await deleteInEditor(fixture.page, "Gym");
      await page.goto("/settings/trash");
      const row = page.getByTestId("trash-row").filter({ hasText: "Gym" });
      await row.getByRole("button", { name: "Restore Gym" }).waitFor();
      const box = await row.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 700).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(700);
      await saveScreenshot(page, "trash-page-700");
    } finally {
      await context.close();
    }
  });
});
