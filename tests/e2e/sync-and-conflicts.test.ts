/**
 * Two writers in Chromium: a change made on the server by another client appears after
 * "Sync now"; the same field changed here and there becomes a conflict prompt (base, mine and
 * theirs side by side) and each choice — keep mine, keep theirs, keep both, per field —
 * resolves it, here and on the server.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteObject } from "../helpers/caldav-client.ts";
import { saveScreenshot } from "./support/browser.ts";
import { listOccurrences, readRemoteCalendar } from "./support/api-reads.ts";
import {
  caldavUser,
  calendarEvent,
  openCalendar,
  startCalendarFixture,
  syncNow,
  type CalendarFixture,
} from "./support/calendar-fixture.ts";

const week = { start: "2027-03-07T00:00:00Z", end: "2027-03-14T00:00:00Z" };
const slots: Record<string, { start: string; end: string }> = {
  mine: { start: "2027-03-08T09:00:00Z", end: "2027-03-08T10:00:00Z" },
  theirs: { start: "2027-03-09T09:00:00Z", end: "2027-03-09T10:00:00Z" },
  both: { start: "2027-03-10T09:00:00Z", end: "2027-03-10T10:00:00Z" },
  fields: { start: "2027-03-11T09:00:00Z", end: "2027-03-11T10:00:00Z" },
};
let fixture: CalendarFixture;

beforeAll(async () => {
  fixture = await startCalendarFixture({
    calendars: [{ name: "Work", color: "#7b4fd1" }],
    events: Object.entries(slots).map(([key, slot]) => ({
      calendar: "Work",
      uid: `c-${key}`,
      title: `Plan ${key}`,
      ...slot,
    })),
  });
  await openCalendar(fixture.page, { view: "timeGridWeek", date: "2027-03-10" });
  await syncNow(fixture.page);
});

afterAll(async () => {
  await fixture?.stop();
});

/** Another client renames the event on the server, then the person edits it here before syncing. */
async function makeConflict(page: Page, key: string, edits: { title: string; location?: string }): Promise<void> {
  const slot = slots[key] as { start: string; end: string };
  await fixture.putEvent({ calendar: "Work", uid: `c-${key}`, title: `Plan ${key} (theirs)`, ...slot, sequence: 1 });
  await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
  await calendarEvent(page, `Plan ${key}`).click();
  const editor = page.getByTestId("event-editor");
  await editor.getByLabel("Title").fill(edits.title);
  if (edits.location) await editor.getByLabel("Location").fill(edits.location);
  await editor.getByRole("button", { name: "Save" }).click();
  // The push is refused (the server's ETag moved on), the remote version is fetched and merged:
  // the title changed on both sides, so it becomes a conflict.
  await expect
    .poll(async () => (await listOccurrences(page, week)).find((o) => o.title === edits.title)?.syncState, {
      timeout: 30_000,
    })
    .toBe("conflict");
  await syncNow(page);
  await page.getByTestId("conflict-count").waitFor();
}

async function resolveFromList(page: Page, button: string): Promise<void> {
  await page.getByTestId("conflict-count").click();
  await page.waitForURL((url) => url.pathname === "/conflicts");
  await page.getByRole("button", { name: "Resolve" }).click();
  const dialog = page.getByTestId("conflict-dialog");
  await dialog.waitFor();
  await saveScreenshot(page, `conflict-before-${button.replace(/\W+/g, "-").toLowerCase()}`);
  const resolved = page.waitForResponse((r) => r.url().includes("/resolve"));
  await dialog.getByRole("button", { name: button }).click();
  expect((await resolved).status()).toBe(200);
  await dialog.waitFor({ state: "detached" });
  await page.getByTestId("conflict-count").waitFor({ state: "detached" });
}

async function titlesOnServer(): Promise<string> {
  return readRemoteCalendar(fixture, "Work");
}

describe("sync and conflicts", () => {
  it("shows a change made on the server by another client after Sync now", async () => {
    const { page } = fixture;
    await fixture.putEvent({
      calendar: "Work",
      uid: "from-phone",
      title: "Added on the phone",
      start: "2027-03-12T11:00:00Z",
      end: "2027-03-12T12:00:00Z",
    });
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    expect(await calendarEvent(page, "Added on the phone").count()).toBe(0);
    await syncNow(page);
    await calendarEvent(page, "Added on the phone").waitFor();
    await page.getByTestId("notice-info").filter({ hasText: "Sync finished" }).waitFor();
    await saveScreenshot(page, "sync-now-remote-change");
  });

  it("keep mine: the prompt opened from the event keeps the local edit and pushes it", async () => {
    const { page } = fixture;
    await makeConflict(page, "mine", { title: "Plan mine (mine)" });
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await calendarEvent(page, "Plan mine (mine)").click();
    await page.getByTestId("event-editor").getByRole("button", { name: "Resolve the conflict" }).click();
    const dialog = page.getByTestId("conflict-dialog");
    await dialog.waitFor();
    const titleRow = dialog.locator('tr[data-field="title"]');
    expect(await titleRow.innerText()).toContain("Plan mine (theirs)");
    expect(await titleRow.innerText()).toContain("Plan mine (mine)");
    expect(await titleRow.locator("td.changed").count()).toBe(2);
    await saveScreenshot(page, "conflict-prompt");
    await dialog.getByRole("button", { name: "Keep mine" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(titlesOnServer, { timeout: 30_000 }).toContain("SUMMARY:Plan mine (mine)");
    const titles = (await listOccurrences(page, week)).map((o) => o.title);
    expect(titles).toContain("Plan mine (mine)");
    expect(titles).not.toContain("Plan mine (theirs)");
  });

  it("keep theirs: the server's version wins", async () => {
    const { page } = fixture;
    await makeConflict(page, "theirs", { title: "Plan theirs (mine)" });
    await resolveFromList(page, "Keep theirs");
    await expect
      .poll(async () => (await listOccurrences(page, week)).map((o) => o.title), { timeout: 30_000 })
      .toContain("Plan theirs (theirs)");
    const titles = (await listOccurrences(page, week)).map((o) => o.title);
    expect(titles).not.toContain("Plan theirs (mine)");
    expect(await titlesOnServer()).not.toContain("SUMMARY:Plan theirs (mine)");
  });

  it("keep both: the server's version stays and mine becomes a copy", async () => {
    const { page } = fixture;
    await makeConflict(page, "both", { title: "Plan both (mine)" });
    await resolveFromList(page, "Keep both");
    await expect
      .poll(
        async () =>
          (await listOccurrences(page, week))
            .filter((o) => o.title.startsWith("Plan both"))
            .map((o) => o.title)
            .sort(),
        {
          timeout: 30_000,
        },
      )
      .toEqual(["Plan both (mine)", "Plan both (theirs)"]);
    await expect.poll(titlesOnServer, { timeout: 30_000 }).toContain("SUMMARY:Plan both (mine)");
    expect(await titlesOnServer()).toContain("SUMMARY:Plan both (theirs)");
  });

  it("choose per field: theirs for the title, mine for the location", async () => {
    const { page } = fixture;
    await makeConflict(page, "fields", { title: "Plan fields (mine)", location: "Room of mine" });
    await page.getByTestId("conflict-count").click();
    await page.getByRole("button", { name: "Resolve" }).click();
    const dialog = page.getByTestId("conflict-dialog");
    await dialog.locator('tr[data-field="title"]').getByLabel("Theirs").check();
    await saveScreenshot(page, "conflict-per-field");
    await dialog.getByRole("button", { name: "Keep my choices per field" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect
      .poll(async () => (await listOccurrences(page, week)).find((o) => o.title.startsWith("Plan fields")), {
        timeout: 30_000,
      })
      .toMatchObject({ title: "Plan fields (theirs)", location: "Room of mine" });
    await expect.poll(titlesOnServer, { timeout: 30_000 }).toContain("LOCATION:Room of mine");
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await calendarEvent(page, "Plan fields (theirs)").waitFor();
    await saveScreenshot(page, "conflicts-resolved");
  });

  it("holds a mass deletion from the server until the person confirms it", async () => {
    const { page } = fixture;
    for (const uid of ["c-mine", "c-theirs", "c-both", "c-fields", "from-phone"]) {
      await deleteObject({ url: fixture.objectUrl({ calendar: "Work", uid }), auth: caldavUser });
    }
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await syncNow(page);
    const sidebar = page.getByRole("complementary", { name: "Calendars" });
    await sidebar.getByText("Deletions held").waitFor();
    // Nothing was deleted locally yet.
    await calendarEvent(page, "Added on the phone").waitFor();
    await saveScreenshot(page, "held-deletions");
    await sidebar.getByRole("button", { name: "Delete them here too" }).click();
    await calendarEvent(page, "Added on the phone").waitFor({ state: "detached" });
    await sidebar.getByText("Deletions held").waitFor({ state: "detached" });
    expect((await listOccurrences(page, week)).map((o) => o.title)).toEqual(["Plan both (mine)"]);
  });
});
