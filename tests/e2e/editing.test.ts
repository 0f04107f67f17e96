/**
 * Editing in Chromium: create by selecting a time range, edit in the dialog, drag to move,
 * delete, and the "this / this and following / all" prompt of a repeating event. Every change is
 * checked in the API and, once pushed, on the Radicale server.
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
import { listOccurrences, readRemoteCalendar } from "./support/api-reads.ts";
import { centerOf, dragBetween, slotPoint } from "./support/time-grid.ts";

const week = { start: "2027-03-07T00:00:00Z", end: "2027-03-14T00:00:00Z" };
let fixture: CalendarFixture;

beforeAll(async () => {
  fixture = await startCalendarFixture({
    calendars: [{ name: "Work", color: "#3b6fd1" }],
    readOnlyCalendars: [
      {
        name: "Holidays",
        color: "#888888",
        events: [{ uid: "fair", title: "Trade fair", start: "2027-03-11T08:00:00Z", end: "2027-03-11T09:00:00Z" }],
      },
    ],
    events: [
      {
        calendar: "Work",
        uid: "review",
        title: "Design review",
        start: "2027-03-10T09:00:00Z",
        end: "2027-03-10T10:00:00Z",
      },
      {
        calendar: "Work",
        uid: "dentist",
        title: "Dentist",
        start: "2027-03-12T14:00:00Z",
        end: "2027-03-12T15:00:00Z",
      },
      {
        calendar: "Work",
        uid: "old-note",
        title: "Old note",
        start: "2027-03-09T15:00:00Z",
        end: "2027-03-09T16:00:00Z",
      },
      {
        // Floating time (no zone): the same clock time wherever the person is.
        calendar: "Work",
        uid: "yoga-floating",
        title: "Yoga",
        start: "2027-03-09T12:00:00",
        end: "2027-03-09T13:00:00",
      },
      {
        calendar: "Work",
        uid: "standup",
        title: "Standup",
        start: "2027-03-08T07:00:00Z",
        end: "2027-03-08T07:30:00Z",
        rrule: "FREQ=DAILY;COUNT=5",
      },
    ],
  });
  await openCalendar(fixture.page, { view: "timeGridWeek", date: "2027-03-10" });
  await syncNow(fixture.page);
});

afterAll(async () => {
  await fixture?.stop();
});

async function waitUntilPushed(title: string): Promise<void> {
  await expect
    .poll(async () => (await listOccurrences(fixture.page, week)).find((o) => o.title === title)?.syncState, {
      timeout: 30_000,
    })
    .toBe("synced");
}

describe("editing events", () => {
  it("creates an event by selecting a time range", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await calendarEvent(page, "Design review").waitFor();
    const from = await slotPoint(page, { date: "2027-03-09", time: "10:00" });
    const to = await slotPoint(page, { date: "2027-03-09", time: "11:00" });
    await dragBetween(page, from, to);
    const editor = page.getByTestId("event-editor");
    await editor.waitFor();
    expect(await editor.getByLabel("Start", { exact: true }).inputValue()).toBe("2027-03-09T10:00");
    await editor.getByLabel("Title").fill("Planning");
    await editor.getByLabel("End", { exact: true }).fill("2027-03-09T11:00");
    await editor.getByRole("button", { name: "Save" }).click();
    await calendarEvent(page, "Planning").waitFor();
    await waitUntilPushed("Planning");
    const created = (await listOccurrences(page, week)).find((o) => o.title === "Planning");
    expect(created?.start).toBe("2027-03-09T09:00:00Z");
    expect(created?.end).toBe("2027-03-09T10:00:00Z");
    expect(await readRemoteCalendar(fixture, "Work")).toContain("SUMMARY:Planning");
    await saveScreenshot(page, "create-by-selecting");
  });

  it("edits title and location in the dialog", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await calendarEvent(page, "Design review").click();
    const editor = page.getByTestId("event-editor");
    await editor.getByLabel("Title").fill("Design review (room 4)");
    await editor.getByLabel("Location").fill("Room 4");
    await editor.getByRole("button", { name: "Save" }).click();
    await calendarEvent(page, "Design review (room 4)").waitFor();
    await waitUntilPushed("Design review (room 4)");
    const remote = await readRemoteCalendar(fixture, "Work");
    expect(remote).toContain("SUMMARY:Design review (room 4)");
    expect(remote).toContain("LOCATION:Room 4");
    await saveScreenshot(page, "edit-in-dialog");
  });

  it("moves an event to another day by dragging it", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    const dentist = calendarEvent(page, "Dentist");
    const from = await centerOf(dentist);
    const fridaySlot = await slotPoint(page, { date: "2027-03-12", time: "15:00" });
    const thursdaySlot = await slotPoint(page, { date: "2027-03-11", time: "15:00" });
    const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/api/v1/events/"));
    await dragBetween(page, from, { x: thursdaySlot.x, y: from.y + (thursdaySlot.y - fridaySlot.y) });
    expect((await saved).status()).toBe(200);
    await waitUntilPushed("Dentist");
    const moved = (await listOccurrences(page, week)).find((o) => o.title === "Dentist");
    expect(moved?.start).toBe("2027-03-11T14:00:00Z");
    expect(moved?.end).toBe("2027-03-11T15:00:00Z");
    const remote = await readRemoteCalendar(fixture, "Work");
    expect(remote).toMatch(/DTSTART[^:\r\n]*:20270311T(140000Z|150000)/);
    await saveScreenshot(page, "drag-to-move");
  });

  it("shows a floating event at its clock time, edits and moves it in floating time", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    const yoga = calendarEvent(page, "Yoga");
    expect(await yoga.textContent()).toContain("12:00");
    await yoga.click();
    const editor = page.getByTestId("event-editor");
    expect(await editor.getByLabel("Start").inputValue()).toBe("2027-03-09T12:00");
    await editor.getByRole("button", { name: "Cancel" }).click();
    const from = await centerOf(yoga);
    const tuesday = await slotPoint(page, { date: "2027-03-09", time: "12:00" });
    const wednesday = await slotPoint(page, { date: "2027-03-10", time: "12:00" });
    const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/api/v1/events/"));
    await dragBetween(page, from, { x: wednesday.x, y: from.y + (wednesday.y - tuesday.y) });
    expect((await saved).status()).toBe(200);
    await waitUntilPushed("Yoga");
    const moved = (await listOccurrences(page, week)).find((o) => o.title === "Yoga");
    expect(moved).toMatchObject({ start: "2027-03-10T12:00:00Z", end: "2027-03-10T13:00:00Z" });
    expect(await readRemoteCalendar(fixture, "Work")).toMatch(/DTSTART:20270310T120000\r?\n/);
    await saveScreenshot(page, "floating-time");
  });

  it("rolls an optimistic move back with a visible message when the API refuses it", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await page.route("**/api/v1/events/**", async (route) => {
      if (route.request().method() !== "PATCH") return route.fallback();
      await route.fulfill({
        status: 409,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "calendar_read_only", message: "This calendar is read-only." } }),
      });
    });
    try {
      const planning = calendarEvent(page, "Planning");
      const before = await planning.boundingBox();
      const from = await centerOf(planning);
      const target = await slotPoint(page, { date: "2027-03-11", time: "10:00" });
      await dragBetween(page, from, { x: target.x, y: from.y });
      await page.getByTestId("notice-error").filter({ hasText: "This calendar is read-only." }).waitFor();
      await expect.poll(async () => (await planning.boundingBox())?.x).toBe(before?.x);
      expect((await listOccurrences(page, week)).find((o) => o.title === "Planning")?.start).toBe(
        "2027-03-09T09:00:00Z",
      );
      await saveScreenshot(page, "refused-move-rolled-back");
    } finally {
      await page.unroute("**/api/v1/events/**");
    }
  });

  it("opens and closes the editor from the keyboard", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    const planning = page.getByRole("button").filter({ has: calendarEvent(page, "Planning") });
    await planning.focus();
    await page.keyboard.press("Enter");
    const editor = page.getByTestId("event-editor");
    await editor.waitFor();
    // Focus lands in the title field, and Escape closes the dialog.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("title");
    await page.keyboard.press("Escape");
    await editor.waitFor({ state: "detached" });
  });

  it("deletes an event", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    await calendarEvent(page, "Old note").click();
    await page.getByTestId("event-editor").getByRole("button", { name: "Delete" }).click();
    await calendarEvent(page, "Old note").waitFor({ state: "detached" });
    await expect
      .poll(async () => (await readRemoteCalendar(fixture, "Work")).includes("SUMMARY:Old note"), { timeout: 30_000 })
      .toBe(false);
    expect((await listOccurrences(page, week)).some((o) => o.title === "Old note")).toBe(false);
    await saveScreenshot(page, "deleted");
  });

  it("keeps a read-only calendar's events unchangeable and out of the calendar picker", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    const fair = calendarEvent(page, "Trade fair");
    await fair.waitFor();
    expect(await fair.innerText()).toMatch(/Read-only/);
    // Dragging it sends nothing.
    let patched = false;
    page.on("request", (request) => {
      if (request.method() === "PATCH" && request.url().includes("/api/v1/events/")) patched = true;
    });
    const from = await centerOf(fair);
    const target = await slotPoint(page, { date: "2027-03-12", time: "10:00" });
    await dragBetween(page, from, { x: target.x, y: from.y });
    await page.waitForTimeout(500);
    expect(patched).toBe(false);
    await fair.click();
    const editor = page.getByTestId("event-editor");
    expect(await editor.innerText()).toMatch(/read-only/);
    expect(await editor.getByLabel("Title").isDisabled()).toBe(true);
    expect(await editor.getByRole("button", { name: /Delete/ }).count()).toBe(0);
    expect(await editor.getByRole("button", { name: "Save" }).count()).toBe(0);
    await saveScreenshot(page, "read-only-event");
    await editor.getByRole("button", { name: "Close", exact: true }).last().click();
    await page.getByRole("button", { name: "New event" }).click();
    const options = await page.getByTestId("event-editor").getByLabel("Calendar").locator("option").allInnerTexts();
    expect(options).toEqual(["Work"]);
    await page.getByTestId("event-editor").getByRole("button", { name: "Cancel" }).click();
  });

  it("asks which occurrences of a repeating event a change or a deletion applies to", async () => {
    const { page } = fixture;
    await openCalendar(page, { view: "timeGridWeek", date: "2027-03-10" });
    const standups = calendarEvent(page, "Standup");
    // Rendering five occurrences can take over a second on a loaded machine (liveness bound only).
    await expect.poll(() => standups.count(), { timeout: 15_000 }).toBe(5);
    // Change only Wednesday's occurrence.
    await page.locator('[data-occurrence-id="' + (await occurrenceId("2027-03-10")) + '"]').click();
    const editor = page.getByTestId("event-editor");
    await editor.getByLabel("Title").fill("Standup (long)");
    await editor.getByRole("button", { name: "Save" }).click();
    const prompt = page.getByTestId("scope-prompt");
    await prompt.waitFor();
    await saveScreenshot(page, "recurring-scope-prompt");
    await prompt.getByRole("button", { name: "This event", exact: true }).click();
    await calendarEvent(page, "Standup (long)").waitFor();
    await expect.poll(() => calendarEvent(page, "Standup").count()).toBe(5);
    expect(await calendarEvent(page, "Standup (long)").count()).toBe(1);
    // Delete Thursday and everything after it.
    await page.locator('[data-occurrence-id="' + (await occurrenceId("2027-03-11")) + '"]').click();
    await page
      .getByTestId("event-editor")
      .getByRole("button", { name: /Delete/ })
      .click();
    await page.getByTestId("scope-prompt").getByRole("button", { name: "This and following events" }).click();
    await expect.poll(() => calendarEvent(page, "Standup").count(), { timeout: 20_000 }).toBe(3);
    const left = (await listOccurrences(page, week))
      .filter((o) => o.title.startsWith("Standup"))
      .map((o) => o.start.slice(0, 10));
    expect(left.sort()).toEqual(["2027-03-08", "2027-03-09", "2027-03-10"]);
    await saveScreenshot(page, "recurring-after-scopes");
  });
});

async function occurrenceId(day: string): Promise<string> {
  const match = (await listOccurrences(fixture.page, week)).find(
    (o) => o.title.startsWith("Standup") && o.start.startsWith(day),
  );
  if (!match) throw new Error(`no Standup occurrence on ${day}`);
  return match.id;
}
