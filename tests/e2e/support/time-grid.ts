/**
 * Pointer positions in FullCalendar's time grid: the column of a day (its header carries
 * `data-date`) and the row of a slot (`data-time`), for selecting and dragging like a person.
 */
import type { Locator, Page } from "playwright-core";

export async function slotPoint(page: Page, params: { date: string; time: string }): Promise<{ x: number; y: number }> {
  const header = await page.locator(`[role=columnheader][data-date="${params.date}"]`).boundingBox();
  if (!header) throw new Error(`no column for ${params.date}`);
  const rows = await page.locator(`[data-time="${params.time}:00"]`).evaluateAll((elements) =>
    elements.map((element) => {
      const box = element.getBoundingClientRect();
      return { y: box.y, width: box.width, height: box.height };
    }),
  );
  const lane = rows.sort((a, b) => b.width - a.width)[0];
  if (!lane) throw new Error(`no slot row for ${params.time}`);
  return { x: header.x + header.width / 2, y: lane.y + Math.min(8, lane.height / 2) };
}

/** Presses at `from`, moves in steps (FullCalendar needs real movement), releases at `to`. */
export async function dragBetween(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 2, from.y + 2, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.waitForTimeout(100);
  await page.mouse.up();
}

export async function centerOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error("element has no box");
  return { x: box.x + box.width / 2, y: box.y + Math.min(10, box.height / 2) };
}
