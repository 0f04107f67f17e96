/**
 * The merged view in Chromium against `npm start` and a real Radicale: connecting an account,
 * month and week views, hiding a calendar, and event text that must never become HTML.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOccurrences, readRemoteCalendar } from "./support/api-reads.ts";
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
      { calendar: "Home", uid: "gym", title: "Gym", start: "2027-03-09T16:00:00Z", end: "2027-03-09T17:00:00Z" },
      // One meeting invited into both calendars: same UID in each.
      {
        calendar: "Work",
        uid: "all-hands",
        title: "All hands",
        start: "2027-03-08T13:00:00Z",
        end: "2027-03-08T14:00:00Z",
      },
      {
        calendar: "Home",
        uid: "all-hands",
        title: "All hands",
        start: "2027-03-08T13:00:00Z",
        end: "2027-03-08T14:00:00Z",
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
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
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
    const swatches = await sidebar
      .locator(".swatch")
      .evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor));
    expect(swatches).toEqual(["rgb(209, 67, 67)", "rgb(47, 158, 68)"]);
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

  it("shows one meeting held by two calendars once, naming both", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    const meeting = calendarEvent(page, "All hands");
    await meeting.waitFor();
    expect(await meeting.count()).toBe(1);
    await meeting.click();
    const holders = page.getByTestId("event-holders");
    expect(await holders.innerText()).toMatch(/In 2 calendars/);
    expect(await holders.getByRole("listitem").allInnerTexts()).toEqual(expect.arrayContaining(["Work", "Home"]));
    await saveScreenshot(page, "one-meeting-two-calendars");
    await page.getByTestId("event-editor").getByRole("button", { name: "Cancel" }).click();
  });

  it("shows events in the time zone the person picks, and remembers it", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    const zone = page.getByRole("complementary", { name: "Calendars" }).getByLabel("Time zone");
    await zone.selectOption("America/New_York");
    // 09:00 UTC on 10 March 2027 is 04:00 in New York (EST; DST starts on the 14th).
    await expect.poll(() => calendarEvent(page, "Team meeting").innerText()).toMatch(/^4:00/);
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    expect(await zone.inputValue()).toBe("America/New_York");
    await expect.poll(() => calendarEvent(page, "Team meeting").innerText()).toMatch(/^4:00/);
    await saveScreenshot(page, "time-zone-new-york");
    await zone.selectOption("Europe/Berlin");
    await expect.poll(() => calendarEvent(page, "Team meeting").innerText()).toMatch(/^10:00/);
  });

  it("follows the system's dark theme", async () => {
    const { page } = fixture;
    await page.emulateMedia({ colorScheme: "dark" });
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await calendarEvent(page, "Team meeting").waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(21, 24, 28)");
    await saveScreenshot(page, "dark-theme");
    await page.emulateMedia({ colorScheme: "light" });
  });

  it("moves an event to another calendar", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await calendarEvent(page, "Gym").click();
    const editor = page.getByTestId("event-editor");
    await editor.getByLabel("Calendar").selectOption({ label: "Work" });
    expect(await editor.innerText()).toMatch(/Saving moves the event/);
    const moved = page.waitForResponse((r) => r.url().endsWith("/move"));
    await editor.getByRole("button", { name: "Save" }).click();
    expect((await moved).status()).toBe(200);
    // The move says so in the toast that offers its undo.
    await page.getByTestId("undo-toast").filter({ hasText: "to Work" }).waitFor();
    await expect
      .poll(async () => (await readRemoteCalendar(fixture, "Work")).includes("SUMMARY:Gym"), { timeout: 30_000 })
      .toBe(true);
    await expect
      .poll(async () => (await readRemoteCalendar(fixture, "Home")).includes("SUMMARY:Gym"), { timeout: 30_000 })
      .toBe(false);
    const week = { start: "2027-03-07T00:00:00Z", end: "2027-03-14T00:00:00Z" };
    expect((await listOccurrences(page, week)).filter((o) => o.title === "Gym")).toHaveLength(1);
    await calendarEvent(page, "Gym").waitFor();
    await saveScreenshot(page, "moved-to-other-calendar");
  });

  it("has an icon that the browser can load", async () => {
    const { page } = fixture;
    await page.goto("/signin");
    const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
    expect(href).toBeTruthy();
    const icon = await page.request.get(href!);
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toMatch(/image\/svg\+xml/);
  });

  it("sends a signed-out visitor to the sign-in page", async () => {
    const context = await fixture.browser.newContext({ baseURL: fixture.app.url });
    try {
      const page = await context.newPage();
      await page.goto("/settings/accounts");
      expect(new URL(page.url()).pathname).toBe("/signin");
      const api = await page.request.get("/api/v1/calendars");
      expect(api.status()).toBe(401);
    } finally {
      await context.close();
    }
  });

  it("explains how to connect iCloud, and that Google is up to the operator", async () => {
    const { page } = fixture;
    await page.goto("/settings/accounts");
    // A person is told to ask whoever runs the server; the operator's set-up stays in the docs.
    const google = page.locator(".connect-card").filter({ hasText: "Google" });
    expect(await google.innerText()).toMatch(/Google is not enabled on this server; ask its operator/);
    expect(await page.locator("main").innerText()).not.toMatch(/GOOGLE_CLIENT|APP_URL|OAuth client/);
    await page.getByRole("button", { name: "Connect iCloud" }).click();
    const icloud = page.getByRole("form", { name: "Connect iCloud" });
    const text = await icloud.innerText();
    expect(text).toMatch(/app-specific password/i);
    expect(text).toMatch(/appleid\.apple\.com/);
    expect(text).toMatch(/Sign-In and Security/);
    expect(text).toMatch(/whole iCloud account/);
    expect(await icloud.getByLabel("App-specific password").getAttribute("type")).toBe("password");
    await saveScreenshot(page, "accounts-connect-options");
  });

  it("creates an API token shown once, lists it and revokes it", async () => {
    const { page } = fixture;
    await page.goto("/settings/tokens");
    await page.getByLabel("Token name").fill("backup script");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = await page.getByTestId("new-token").innerText();
    // Plain fetch: a Bearer token on its own, without the browser's session cookie.
    const withToken = () =>
      fetch(`${fixture.app.url}/api/v1/calendars`, { headers: { authorization: `Bearer ${token}` } }).then(
        (r) => r.status,
      );
    expect(await withToken()).toBe(200);
    const row = page.getByTestId("token-row").filter({ hasText: "backup script" });
    await row.waitFor();
    expect(await row.innerText()).not.toContain(token);
    await saveScreenshot(page, "api-token-created");
    await row.getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
    await row.waitFor({ state: "detached" });
    expect(await withToken()).toBe(401);
    // The "copy this token now" box goes with the token it showed.
    expect(await page.getByTestId("new-token").count()).toBe(0);
  });

  it("collapses the sidebar behind a toggle at phone width", async () => {
    const { page } = fixture;
    await page.setViewportSize({ width: 390, height: 800 });
    await openCalendar(page, { view: "listWeek", date: "2027-03-10" });
    const sidebar = page.getByRole("complementary", { name: "Calendars" });
    expect(await sidebar.isVisible()).toBe(false);
    await page.getByRole("button", { name: "Calendars", exact: true }).click();
    await sidebar.waitFor({ state: "visible" });
    await calendarEvent(page, "Team meeting").waitFor();
    await saveScreenshot(page, "phone-width");
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("removes a connection after a confirmation saying what goes, leaving the server untouched", async () => {
    const { page } = fixture;
    await page.goto("/settings/accounts");
    await page.getByTestId("connection-card").getByRole("button", { name: "Remove" }).click();
    const dialog = page.getByRole("dialog");
    const text = await dialog.innerText();
    expect(text).toMatch(/2 calendar\(s\) and their events from Concord/);
    expect(text).toMatch(/Nothing is deleted on the server/);
    await saveScreenshot(page, "remove-connection-confirm");
    await dialog.getByRole("button", { name: "Remove account" }).click();
    await page.getByText("No accounts yet — connect one below.").waitFor();
    expect(await readRemoteCalendar(fixture, "Work")).toContain("SUMMARY:Team meeting");
    await page.goto("/");
    await page.getByText("No accounts yet").first().waitFor();
    // "New event" is greyed out, and says why, with the way to Accounts.
    expect(await page.getByRole("button", { name: "New event" }).isDisabled()).toBe(true);
    const hint = page.getByTestId("new-event-hint");
    expect(await hint.innerText()).toMatch(/connect an account/i);
    expect(await hint.getByRole("link").getAttribute("href")).toBe("/settings/accounts");
    await saveScreenshot(page, "no-accounts-empty-state");
  });
});
