/**
 * The calendar at every width, in Chromium against `npm start` and a real Radicale: a phone
 * (390x844 and 320x640, mobile, touch), a 700 px window and a desktop. Each view shows today's
 * synced event inside the viewport as the element under a tap at its centre, and a tap opens it;
 * phones open on a view that fits and remember the person's choice; a long press drags on touch;
 * day and week grids open at the hour of their first event in the display zone.
 */
import { Temporal } from "temporal-polyfill";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOccurrences } from "./support/api-reads.ts";
import { newPage, saveScreenshot } from "./support/browser.ts";
import {
  calendarEvent,
  openCalendar,
  startCalendarFixture,
  syncNow,
  type CalendarFixture,
} from "./support/calendar-fixture.ts";

const zone = "Europe/Berlin";
const today = Temporal.Now.plainDateISO(zone);
/** Today 11:00-12:00 in the browser's zone: in the default view of every width. */
const siteVisit = {
  start: today.toZonedDateTime({ timeZone: zone, plainTime: "11:00" }).toInstant().toString(),
  end: today.toZonedDateTime({ timeZone: zone, plainTime: "12:00" }).toInstant().toString(),
};

const sizes = [
  { name: "phone-390", viewport: { width: 390, height: 844 }, touch: true },
  { name: "phone-320", viewport: { width: 320, height: 640 }, touch: true },
  { name: "window-700", viewport: { width: 700, height: 900 }, touch: false },
  { name: "desktop", viewport: { width: 1280, height: 900 }, touch: false },
];
const views = ["listWeek", "timeGridDay", "timeGridThreeDay", "timeGridWeek", "dayGridMonth"];

let fixture: CalendarFixture;

beforeAll(async () => {
  fixture = await startCalendarFixture({
    calendars: [{ name: "Work", color: "#3b6fd1" }],
    events: [
      { calendar: "Work", uid: "site-visit", title: "Site visit", ...siteVisit },
      // 08:00 UTC is 03:00 in New York (EST; DST starts on the 14th) and 09:00 in Berlin.
      {
        calendar: "Work",
        uid: "early-call",
        title: "Early call",
        start: "2027-03-10T08:00:00Z",
        end: "2027-03-10T09:00:00Z",
      },
    ],
  });
  await openCalendar(fixture.page, { view: "timeGridWeek", date: today.toString() });
  await syncNow(fixture.page);
});

afterAll(async () => {
  await fixture?.stop();
});

/** A second browser window of the signed-in person, at a size; fresh (no stored view choice). */
async function openWindow(size: (typeof sizes)[number]) {
  return newPage({
    browser: fixture.browser,
    baseURL: fixture.app.url,
    viewport: size.viewport,
    isMobile: size.touch,
    hasTouch: size.touch,
    storageState: { cookies: (await fixture.context.storageState()).cookies, origins: [] },
  });
}

async function loadFresh(page: Page, path: string): Promise<void> {
  const loaded = page.waitForResponse((response) => response.url().includes("/api/v1/events?") && response.ok());
  await page.goto(path);
  await loaded;
}

/**
 * The event's box lies inside the viewport and the element under its centre is the event or
 * inside it: nothing (a toolbar, a zero-height scroller, another event) covers it.
 */
async function expectTappable(page: Page, event: Locator): Promise<{ x: number; y: number }> {
  await event.waitFor();
  const box = await event.boundingBox();
  if (!box) throw new Error("the event has no box");
  const viewport = page.viewportSize()!;
  expect(box.width).toBeGreaterThan(0);
  expect(box.height).toBeGreaterThan(0);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 0.5);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 0.5);
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const hit = await event.evaluate((element, point) => {
    const under = document.elementFromPoint(point.x, point.y);
    // FullCalendar's own event element wraps the rendered body (its link, with the drag handles).
    const harness = element.closest("a, [role=button]") ?? element;
    return Boolean(under && (harness === under || harness.contains(under)));
  }, centre);
  expect(hit).toBe(true);
  return centre;
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** The toolbar title is shown whole: not wider than its box, and inside the viewport. */
async function expectWholeTitle(page: Page): Promise<string> {
  const title = page.getByRole("heading", { level: 2 }).first();
  const fits = await title.evaluate(
    (element) =>
      element.scrollWidth <= element.clientWidth + 1 && element.getBoundingClientRect().right <= window.innerWidth,
  );
  expect(fits).toBe(true);
  return title.innerText();
}

describe("every width", () => {
  for (const size of sizes) {
    it(`${size.name}: a fresh page shows today's event where a tap opens it`, async () => {
      const { context, page } = await openWindow(size);
      try {
        await loadFresh(page, "/");
        const event = calendarEvent(page, "Site visit");
        const centre = await expectTappable(page, event);
        await expectNoSidewaysScroll(page);
        expect(await expectWholeTitle(page)).toMatch(new RegExp(String(today.year)));
        await saveScreenshot(page, `width-${size.name}-fresh`);
        if (size.touch) await page.touchscreen.tap(centre.x, centre.y);
        else await page.mouse.click(centre.x, centre.y);
        const editor = page.getByTestId("event-editor");
        expect(await editor.getByLabel("Title").inputValue()).toBe("Site visit");
        await saveScreenshot(page, `width-${size.name}-opened`);
        await editor.getByRole("button", { name: "Cancel" }).click();
      } finally {
        await context.close();
      }
    });

    it(`${size.name}: every view shows the event inside the viewport, under a tap`, async () => {
      const { context, page } = await openWindow(size);
      try {
        for (const view of views) {
          await loadFresh(page, `/?view=${view}&date=${today}`);
          await expectTappable(page, calendarEvent(page, "Site visit"));
          await expectNoSidewaysScroll(page);
          await expectWholeTitle(page);
          await saveScreenshot(page, `width-${size.name}-${view}`);
        }
      } finally {
        await context.close();
      }
    });
  }
});

describe("on a phone", () => {
  it("opens on a view that fits, and remembers the view the person picks", async () => {
    const { context, page } = await openWindow(sizes[0]!);
    try {
      await loadFresh(page, "/");
      const selected = () => page.getByRole("tab", { selected: true }).first().innerText();
      expect(await selected()).toMatch(/list/i);
      await page.getByRole("tab", { name: "3 days view" }).click();
      await expect.poll(selected, { timeout: 15_000 }).toMatch(/3 days/i);
      await loadFresh(page, "/");
      expect(await selected()).toMatch(/3 days/i);
      await expectTappable(page, calendarEvent(page, "Site visit"));
      await saveScreenshot(page, "phone-remembered-view");
    } finally {
      await context.close();
    }
  });

  it("moves an event by a long press and a drag on the touch screen", async () => {
    const { context, page } = await openWindow(sizes[0]!);
    try {
      await loadFresh(page, `/?view=timeGridDay&date=${today}`);
      const from = await expectTappable(page, calendarEvent(page, "Site visit"));
      // One hour of the grid, in pixels: from the 11:00 slot row to the 12:00 one.
      const hour = await page.evaluate(() => {
        const top = (time: string) => document.querySelector(`[data-time="${time}"]`)!.getBoundingClientRect().y;
        return top("12:00:00") - top("11:00:00");
      });
      const cdp = await context.newCDPSession(page);
      const touch = (type: "touchStart" | "touchMove" | "touchEnd", point?: { x: number; y: number }) =>
        cdp.send("Input.dispatchTouchEvent", { type, touchPoints: point ? [{ x: point.x, y: point.y }] : [] });
      const patched = page.waitForResponse(
        (response) => response.url().includes("/api/v1/events/") && response.request().method() === "PATCH",
      );
      await touch("touchStart", from);
      // Held past the long-press delay, the event is picked up; then it follows the finger.
      await page.waitForTimeout(700);
      for (let step = 1; step <= 10; step += 1) {
        await touch("touchMove", { x: from.x, y: from.y + (hour * step) / 10 });
        await page.waitForTimeout(30);
      }
      await touch("touchEnd");
      const response = await patched;
      expect(response.status()).toBe(200);
      const body = response.request().postDataJSON() as { start: string };
      expect(Date.parse(body.start) - Date.parse(siteVisit.start)).toBe(3_600_000);
      await saveScreenshot(page, "phone-long-press-drag");
      const day = { start: `${today.subtract({ days: 1 })}T00:00:00Z`, end: `${today.add({ days: 2 })}T00:00:00Z` };
      const moved = (await listOccurrences(page, day)).find((o) => o.title === "Site visit");
      expect(Date.parse(moved!.start) - Date.parse(siteVisit.start)).toBe(3_600_000);
    } finally {
      await context.close();
    }
  });
});

describe("opening at the right hour", () => {
  it("scrolls day and week grids to a 3 am event of the New York display zone", async () => {
    const { context, page } = await openWindow(sizes[3]!);
    try {
      await page.goto("/settings/accounts");
      await page.evaluate(() => window.localStorage.setItem("concord.timeZone", "America/New_York"));
      for (const view of ["timeGridWeek", "timeGridDay"]) {
        await loadFresh(page, `/?view=${view}&date=2027-03-10`);
        const early = calendarEvent(page, "Early call");
        await expect.poll(() => early.innerText(), { timeout: 15_000 }).toMatch(/^3:00/);
        await expectTappable(page, early);
        await saveScreenshot(page, `opening-hour-new-york-${view}`);
      }
      // Switching the zone in the sidebar brings the same events into view at their new hour.
      await page.evaluate(() => window.localStorage.setItem("concord.timeZone", "Asia/Tokyo"));
      await loadFresh(page, "/?view=timeGridDay&date=2027-03-10");
      const picker = page.getByRole("complementary", { name: "Calendars" }).getByLabel("Time zone");
      await picker.selectOption("America/New_York");
      await expect.poll(() => calendarEvent(page, "Early call").innerText(), { timeout: 15_000 }).toMatch(/^3:00/);
      await expectTappable(page, calendarEvent(page, "Early call"));
      await saveScreenshot(page, "opening-hour-zone-switched");
    } finally {
      await context.close();
    }
  });
});
