/**
 * The merged view in Chromium against `npm start` and a real Radicale: connecting an account,
 * month and week views, hiding a calendar, and event text that must never become HTML.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveScreenshot } from "./support/browser.ts";
import {
  calendarEvent,
  openCalendar,
  startCalendarFixture,
  syncNow,
  type CalendarFixture,
} from "./support/calendar-fixture.ts";

const hostileTitle = `<b>Bold</b> <img src=x onerror="window.__xss=1"> <script>window.__xss=2</script>`;

let fixture: CalendarFixture;

beforeAll(async () => {
  fixture = await startCalendarFixture({
    calendars: [
      { name: "Work", color: "#d14343" },
      { name: "Home", color: "#2f9e44" },
    ],
    events: [
      {
        calendar: "Work",
        uid: "team-meeting",
        title: "Team meeting",
        start: "2027-03-10T09:00:00Z",
        end: "2027-03-10T10:00:00Z",
      },
      {
        calendar: "Work",
        uid: "hostile",
        title: hostileTitle,
        start: "2027-03-11T12:00:00Z",
        end: "2027-03-11T13:00:00Z",
      },
      {
        calendar: "Home",
        uid: "dentist",
        title: "Dentist",
        start: "2027-03-12T14:00:00Z",
        end: "2027-03-12T15:00:00Z",
      },
    ],
  });
  // The first sync starts in the background on connect; "Sync now" waits for it to finish.
  await openCalendar(fixture.page, { view: "timeGridWeek", date: "2027-03-10" });
  await syncNow(fixture.page);
});

afterAll(async () => {
  await fixture?.stop();
});

describe("merged calendar view", () => {
  it("lists the connected account and its calendars, with their sync state", async () => {
    const { page } = fixture;
    await page.goto("/settings/accounts");
    const card = page.getByTestId("connection-card");
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.innerText()).toMatch(/Connected/);
    expect(await card.innerText()).toMatch(/Work/);
    expect(await card.innerText()).toMatch(/Home/);
    await saveScreenshot(page, "accounts-connected");
  });

  it("shows the server's events in week view, at the right local time, in their calendar's colour", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    const meeting = calendarEvent(page, "Team meeting");
    await meeting.waitFor();
    // 09:00 UTC is 10:00 in Europe/Berlin (the browser's zone, the default display zone).
    expect(await meeting.innerText()).toMatch(/10/);
    await calendarEvent(page, "Dentist").waitFor();
    const sidebar = page.getByRole("complementary", { name: "Calendars" });
    expect(await sidebar.getByTestId("sidebar-calendar").count()).toBe(2);
    expect(await sidebar.innerText()).toMatch(/Synced/);
    await saveScreenshot(page, "week-view");
  });

  it("shows the same events in month view", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    const loaded = page.waitForResponse((r) => r.url().includes("/api/v1/events?"));
    await page.getByRole("tab", { name: "Month view" }).click();
    await loaded;
    await expect.poll(() => page.getByRole("heading", { level: 2 }).first().innerText()).toMatch(/March 2027/);
    await calendarEvent(page, "Team meeting").waitFor();
    await calendarEvent(page, "Dentist").waitFor();
    await saveScreenshot(page, "month-view");
  });

  it("renders a title holding HTML and a script as plain text", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    const hostile = calendarEvent(page, "<b>Bold</b>");
    await hostile.waitFor();
    expect(await hostile.locator(".event-title").innerText()).toBe(hostileTitle);
    expect(await hostile.locator("b, img, script").count()).toBe(0);
    await hostile.click();
    const editor = page.getByTestId("event-editor");
    expect(await editor.getByLabel("Title").inputValue()).toBe(hostileTitle);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await saveScreenshot(page, "html-title-as-text");
    await editor.getByRole("button", { name: "Cancel" }).click();
  });

  it("hides a calendar, and the choice survives a reload", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await calendarEvent(page, "Dentist").waitFor();
    const saved = page.waitForResponse(
      (r) => r.url().includes("/api/v1/calendars/") && r.request().method() === "PATCH",
    );
    await page.getByRole("checkbox", { name: "Show Home" }).uncheck();
    expect((await saved).status()).toBe(200);
    await calendarEvent(page, "Dentist").waitFor({ state: "detached" });
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await calendarEvent(page, "Team meeting").waitFor();
    expect(await page.getByRole("checkbox", { name: "Show Home" }).isChecked()).toBe(false);
    expect(await calendarEvent(page, "Dentist").count()).toBe(0);
    await saveScreenshot(page, "calendar-hidden");
    await page.getByRole("checkbox", { name: "Show Home" }).check();
    await calendarEvent(page, "Dentist").waitFor();
  });

  it("collapses the sidebar behind a toggle at phone width", async () => {
    const { page } = fixture;
    await page.setViewportSize({ width: 390, height: 800 });
    await openCalendar(page, { view: "listWeek", date: "2027-03-10" });
    const sidebar = page.getByRole("complementary", { name: "Calendars" });
    expect(await sidebar.isVisible()).toBe(false);
    await page.getByRole("button", { name: "Calendars" }).click();
    await sidebar.waitFor({ state: "visible" });
    await calendarEvent(page, "Team meeting").waitFor();
    await saveScreenshot(page, "phone-width");
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
