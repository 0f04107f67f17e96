/**
 * An open tab stays current and honest: a first sync ends with its counts and time shown
 * without a reload; an event retitled on Radicale by another client reaches two open tabs
 * after a server-side pull, without a reload; "Sync now" tells what its own pull changed; and
 * with the server stopped, "Sync now", the sidebar and the Accounts card all say it failed.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveScreenshot } from "./support/browser.ts";
import {
  calendarEvent,
  openCalendar,
  startCalendarFixture,
  syncNow,
  type CalendarFixture,
} from "./support/calendar-fixture.ts";

const slot = { start: "2027-03-09T09:00:00Z", end: "2027-03-09T10:00:00Z" };
let fixture: CalendarFixture;

beforeAll(async () => {
  fixture = await startCalendarFixture({
    calendars: [{ name: "Work", color: "#7b4fd1" }],
    events: [
      { calendar: "Work", uid: "standup", title: "Standup", ...slot },
      { calendar: "Work", uid: "review", title: "Review", start: "2027-03-10T13:00:00Z", end: "2027-03-10T14:00:00Z" },
      { calendar: "Work", uid: "retro", title: "Retro", start: "2027-03-11T15:00:00Z", end: "2027-03-11T16:00:00Z" },
    ],
  });
});

afterAll(async () => {
  await fixture?.stop();
});

/** Marks the document, so a later check can tell that the page was not reloaded meanwhile. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __sameDocument?: boolean }).__sameDocument = true;
  });
}

async function isSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);
}

/** A pull queued on the server (as the background poll does), not through either tab's UI. */
async function queueServerPull(page: Page): Promise<void> {
  const calendars = await page.request.get("/api/v1/calendars");
  const work = ((await calendars.json()) as { items: { id: string; name: string }[] }).items.find(
    (c) => c.name === "Work",
  );
  const queued = await page.request.post(`/api/v1/calendars/${work?.id}/sync`, {
    headers: { "content-type": "application/json", origin: fixture.app.url },
  });
  expect(queued.status()).toBe(202);
}

describe("live tabs and honest sync status", () => {
  it("shows the first sync's counts and time on the Accounts page without a reload", async () => {
    const { page } = fixture;
    // The fixture just connected the account on this page; the first sync runs in the background.
    await markDocument(page);
    const calendarLine = page.getByTestId("connection-calendar").filter({ hasText: "Work" });
    await expect.poll(() => calendarLine.innerText(), { timeout: 60_000 }).toMatch(/3 events · Synced just now/);
    expect(await page.getByTestId("connection-status").innerText()).toBe("Connected");
    expect(await isSameDocument(page)).toBe(true);
    await saveScreenshot(page, "live-first-sync-accounts");
  });

  it("brings an event retitled on the server into two open tabs without a reload", async () => {
    const first = fixture.page;
    const second = await fixture.context.newPage();
    for (const page of [first, second]) {
      await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
      await calendarEvent(page, "Standup").waitFor();
      await markDocument(page);
    }
    await fixture.putEvent({
      calendar: "Work",
      uid: "standup",
      title: "Standup, moved by phone",
      ...slot,
      sequence: 1,
    });
    await queueServerPull(first);
    for (const page of [first, second]) {
      await calendarEvent(page, "Standup, moved by phone").waitFor({ timeout: 60_000 });
      expect(await isSameDocument(page)).toBe(true);
    }
    const sidebar = second.getByRole("complementary", { name: "Calendars" });
    expect(await sidebar.getByTestId("calendar-sync-status").innerText()).toMatch(/3 events · Synced just now/);
    await saveScreenshot(second, "live-second-tab");
    await second.close();

    // Already pulled in the background: Sync now's own pull finds nothing and says so.
    await syncNow(first);
    const upToDate = first.getByTestId("notice-info").filter({ hasText: "Up to date" });
    await upToDate.waitFor();
    expect(await first.getByTestId("notice-info").filter({ hasText: "0 changed" }).count()).toBe(0);
  });

  it("counts what Sync now's own pull changed", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await fixture.putEvent({ calendar: "Work", uid: "standup", title: "Standup, again", ...slot, sequence: 2 });
    const answer = page.waitForResponse((response) => response.url().includes("/api/v1/sync?wait=true"), {
      timeout: 90_000,
    });
    await page.getByRole("button", { name: "Sync now" }).click();
    const result = (await (await answer).json()) as { updated: number };
    // The background poll may pull the change first (CalDAV is polled every 2 minutes); the
    // message must then say so instead of claiming "0 changed".
    const expected = result.updated === 1 ? "Sync finished: 1 changed." : "Up to date";
    if (result.updated !== 1) expect(result.updated).toBe(0);
    await page.getByTestId("notice-info").filter({ hasText: expected }).waitFor();
    await calendarEvent(page, "Standup, again").waitFor();
    await saveScreenshot(page, "live-sync-now-counts");
  });

  it("reports a stopped server as a failure in the toast, the sidebar and the Accounts card", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await fixture.radicale.stop();
    await syncNow(page);
    const toast = page.getByTestId("notice-error").filter({ hasText: "Sync failed for “Work”" });
    await toast.waitFor();
    expect(await page.getByTestId("notice-info").filter({ hasText: "Sync finished" }).count()).toBe(0);
    const sidebarStatus = page.getByRole("complementary", { name: "Calendars" }).getByTestId("calendar-sync-status");
    await expect.poll(() => sidebarStatus.innerText(), { timeout: 30_000 }).toMatch(/^Sync failed: /);
    // The toast carries the same reason the sidebar shows.
    const reason = (await sidebarStatus.innerText()).replace(/^Sync failed: /, "");
    expect(reason.length).toBeGreaterThan(5);
    expect(await toast.innerText()).toContain(reason);
    await saveScreenshot(page, "live-server-stopped-desktop");

    await page.goto("/settings/accounts");
    const status = page.getByTestId("connection-status");
    await expect.poll(() => status.innerText(), { timeout: 30_000 }).toMatch(/^Sync failing \(all calendars\): /);
    expect(await status.innerText()).toContain(reason);
    expect(await status.innerText()).not.toMatch(/^Connected/);
    await saveScreenshot(page, "live-server-stopped-accounts");

    // The same on a phone.
    const phone = await fixture.browser.newContext({
      baseURL: fixture.app.url,
      storageState: await fixture.context.storageState(),
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      timezoneId: "Europe/Berlin",
      locale: "en-GB",
    });
    try {
      const phonePage = await phone.newPage();
      await phonePage.goto("/settings/accounts");
      await expect
        .poll(() => phonePage.getByTestId("connection-status").innerText(), { timeout: 30_000 })
        .toMatch(/^Sync failing/);
      await saveScreenshot(phonePage, "live-server-stopped-accounts-phone");
      await openCalendar(phonePage, { view: "listWeek", date: "2027-03-10" });
      await phonePage.getByRole("button", { name: "Calendars" }).click();
      const phoneStatus = phonePage
        .getByRole("complementary", { name: "Calendars" })
        .getByTestId("calendar-sync-status");
      await expect.poll(() => phoneStatus.innerText(), { timeout: 30_000 }).toMatch(/^Sync failed: /);
      await saveScreenshot(phonePage, "live-server-stopped-phone");
    } finally {
      await phone.close();
    }

    // And in a 700 px window.
    await page.setViewportSize({ width: 700, height: 900 });
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    const narrowToggle = page.getByRole("button", { name: "Calendars" });
    if (await narrowToggle.isVisible()) await narrowToggle.click();
    await expect.poll(() => sidebarStatus.innerText(), { timeout: 30_000 }).toMatch(/^Sync failed: /);
    await saveScreenshot(page, "live-server-stopped-700");
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
