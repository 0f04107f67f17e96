/**
 * A Google account in Chromium, against the Google fake (tests/fakes/google): "Connect Google
 * Calendar" runs the OAuth round trip (the fake consents at once and redirects back), the
 * initial pull shows the account's events, and a drag in the week view reaches Google as a
 * change of start and end.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGoogleFake, type GoogleFake } from "../fakes/google/start-google-fake.ts";
import { listOccurrences } from "./support/api-reads.ts";
import { launchBrowser, newPage, saveScreenshot } from "./support/browser.ts";
import { calendarEvent, openCalendar, syncNow } from "./support/calendar-fixture.ts";
import { signUp } from "./support/sign-up.ts";
import { startApp, type RunningApp } from "./support/start-app.ts";
import { centerOf, dragBetween, slotPoint } from "./support/time-grid.ts";

const PRIMARY = "user@example.com";
const week = { start: "2027-03-07T00:00:00Z", end: "2027-03-14T00:00:00Z" };

let fake: GoogleFake;
let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  fake = await startGoogleFake();
  await fake.control.addCalendar({ id: PRIMARY, summary: "Me", timeZone: "Europe/Berlin" });
  await fake.control.seedEvents(PRIMARY, [
    {
      summary: "Budget call",
      start: { dateTime: "2027-03-10T09:00:00Z" },
      end: { dateTime: "2027-03-10T10:00:00Z" },
    },
  ]);
  app = await startApp({
    env: {
      GOOGLE_CLIENT_ID: "concord-e2e-client",
      GOOGLE_CLIENT_SECRET: "concord-e2e-secret",
      GOOGLE_API_ROOT_URL: fake.url,
      GOOGLE_OAUTH_URL: fake.url,
      CONCORD_ALLOW_HTTP_WEBHOOKS: "1",
    },
  });
  browser = await launchBrowser();
  ({ page } = await newPage({ browser, baseURL: app.url }));
  await signUp(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fake?.stop();
});

describe("a Google account", () => {
  it("connects from the Accounts page through Google's consent and lists the account's calendar", async () => {
    await page.goto("/settings/accounts");
    await page.getByRole("link", { name: "Connect Google Calendar" }).click();
    await page.waitForURL((url) => url.pathname === "/settings/accounts" && url.searchParams.has("connected"));
    const card = page.getByTestId("connection-card").filter({ hasText: PRIMARY });
    await expect.poll(() => card.count(), { timeout: 30_000 }).toBe(1);
    await saveScreenshot(page, "google-connected");
  });

  it("shows the Google events after the first pull", async () => {
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await syncNow(page);
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await calendarEvent(page, "Budget call").waitFor();
    const occurrence = (await listOccurrences(page, week)).find((o) => o.title === "Budget call");
    expect(occurrence).toMatchObject({ start: "2027-03-10T09:00:00Z", end: "2027-03-10T10:00:00Z" });
  });

  it("moves a Google event by dragging it, and Google receives the new time", async () => {
    const from = await centerOf(calendarEvent(page, "Budget call"));
    const wednesday = await slotPoint(page, { date: "2027-03-10", time: "10:00" });
    const thursday = await slotPoint(page, { date: "2027-03-11", time: "10:00" });
    const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/api/v1/events/"));
    await dragBetween(page, from, { x: thursday.x, y: from.y + (thursday.y - wednesday.y) });
    expect((await saved).status()).toBe(200);
    await expect
      .poll(
        async () => {
          const [stored] = await fake.control.storedEvents(PRIMARY);
          return stored?.start?.dateTime ? Date.parse(stored.start.dateTime) : null;
        },
        { timeout: 60_000 },
      )
      .toBe(Date.parse("2027-03-11T09:00:00Z"));
    await expect
      .poll(async () => (await listOccurrences(page, week)).find((o) => o.title === "Budget call")?.syncState, {
        timeout: 30_000,
      })
      .toBe("synced");
    await saveScreenshot(page, "google-drag-to-move");
  });
});
