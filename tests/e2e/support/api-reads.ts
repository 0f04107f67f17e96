/** Reads through the API with the browser's session cookie, and from Radicale as another client. */
import type { Page } from "playwright-core";
import { getObject } from "../../helpers/caldav-client.ts";
import type { CalendarFixture } from "./calendar-fixture.ts";
import { caldavUser } from "./calendar-fixture.ts";

export interface ApiOccurrence {
  id: string;
  eventId: string;
  title: string;
  start: string;
  end: string;
  syncState: string;
  location: string | null;
}

export async function listOccurrences(page: Page, params: { start: string; end: string }): Promise<ApiOccurrence[]> {
  const response = await page.request.get(`/api/v1/events?start=${params.start}&end=${params.end}`);
  if (!response.ok()) throw new Error(`GET /api/v1/events -> ${response.status()}`);
  return ((await response.json()) as { items: ApiOccurrence[] }).items;
}

/** Radicale answers GET on a calendar collection with every object of it in one iCalendar text. */
export async function readRemoteCalendar(fixture: CalendarFixture, calendar: string): Promise<string> {
  const url = fixture.radicale.calendarUrl({ user: caldavUser.username, calendar: calendar.toLowerCase() });
  const { status, body } = await getObject({ url, auth: caldavUser });
  if (status !== 200) throw new Error(`GET ${url} -> ${status}`);
  // Unfold continuation lines (RFC 5545 §3.1) so assertions can match whole values.
  return body.replace(/\r?\n[ \t]/g, "");
}
