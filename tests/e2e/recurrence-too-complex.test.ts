/**
 * A series whose rule Concord will not expand (FREQ=SECONDLY from a real Radicale) in
 * Chromium: shown once at its first occurrence with a badge, and the editor says why; an
 * ordinary weekly series beside it is unaffected. Checked at desktop size, at phone size
 * (390x844, touch) and at 700 px wide.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveScreenshot } from "./support/browser.ts";
import {
  calendarEvent,
  openCalendar,
  startCalendarFixture,
  syncNow,
  type CalendarFixture,
} from "./support/calendar-fixture.ts";

let fixture: CalendarFixture;

beforeAll(async () => {
  fixture = await startCalendarFixture({
    calendars: [{ name: "Work", color: "#d14343" }],
    events: [
      {
        calendar: "Work",
        uid: "every-second",
        title: "Every second",
        start: "2027-03-10T09:00:00Z",
        end: "2027-03-10T10:00:00Z",
        rrule: "FREQ=SECONDLY",
      },
      {
        calendar: "Work",
        uid: "weekly-planning",
        title: "Weekly planning",
        start: "2027-03-08T13:00:00Z",
        end: "2027-03-08T14:00:00Z",
        rrule: "FREQ=WEEKLY",
      },
    ],
  });
  await openCalendar(fixture.page, { view: "timeGridWeek", date: "2027-03-10" });
  await syncNow(fixture.page);
});

afterAll(async () => {
  await fixture?.stop();
});

async function checkNoteAt(page: Page, name: string): Promise<void> {
  await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
  const entry = calendarEvent(page, "Every second");
  await expect.poll(() => entry.count()).toBe(1);
  await expect.poll(() => calendarEvent(page, "Weekly planning").count()).toBeGreaterThanOrEqual(1);
  expect(await entry.getByText("Repeat rule too complex:").count()).toBe(1);
  expect(await calendarEvent(page, "Weekly planning").first().getByText("Repeat rule too complex:").count()).toBe(0);
  await saveScreenshot(page, `recurrence-too-complex-${name}-week`);
  await entry.click();
  const note = page.getByTestId("recurrence-too-complex");
  await note.waitFor();
  expect(await note.textContent()).toMatch(/only its first occurrence is shown/);
  await saveScreenshot(page, `recurrence-too-complex-${name}-editor`);
}

describe("a series too complex to expand", () => {
  it("shows its first occurrence with a badge and a note in the editor, at desktop size", async () => {
    await checkNoteAt(fixture.page, "desktop");
    // The week after holds no occurrence of it (the rule is not expanded), only the weekly one.
    await openCalendar(fixture.page, { view: "timeGridWeek", date: "2027-03-17" });
    await expect.poll(() => calendarEvent(fixture.page, "Weekly planning").count()).toBe(1);
    expect(await calendarEvent(fixture.page, "Every second").count()).toBe(0);
  });

  it.each([
    ["phone", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
    ["700px", { viewport: { width: 700, height: 900 } }],
  ] as const)("says the same at %s", async (name, options) => {
    let context: BrowserContext | undefined;
    try {
      context = await fixture.browser.newContext({
        ...options,
        baseURL: fixture.app.url,
        timezoneId: "Europe/Berlin",
        locale: "en-GB",
        storageState: await fixture.context.storageState(),
      });
      context.setDefaultTimeout(20_000);
      await checkNoteAt(await context.newPage(), name);
    } finally {
      await context?.close();
    }
  });
});
