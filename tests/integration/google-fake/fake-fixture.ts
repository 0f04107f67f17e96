import { afterAll, beforeEach } from "vitest";
import { startGoogleFake } from "../../fakes/google/start-google-fake.ts";
import type { GoogleFake } from "../../fakes/google/start-google-fake.ts";

export const CALENDAR = "user@example.com";

/**
 * One fake per test file, reset before each test, with the default account's calendar and a
 * fresh grant. `api` is plain fetch with the grant's Bearer token.
 */
export function setupGoogleFake() {
  const state = { fake: undefined as GoogleFake | undefined, accessToken: "", refreshToken: "" };
  const ready = startGoogleFake().then((fake) => (state.fake = fake));
  beforeEach(async () => {
    const fake = await ready;
    await fake.control.reset();
    await fake.control.addCalendar({ id: CALENDAR, summary: "Me", timeZone: "Europe/Berlin" });
    const grant = await fake.control.createGrant({});
    state.accessToken = grant.accessToken;
    state.refreshToken = grant.refreshToken;
  });
  afterAll(async () => {
    await (await ready).stop();
  });
  const fixture = {
    get fake(): GoogleFake {
      if (!state.fake) throw new Error("fake not started");
      return state.fake;
    },
    get accessToken() {
      return state.accessToken;
    },
    get refreshToken() {
      return state.refreshToken;
    },
    async api(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
      const headers = new Headers(init.headers);
      if (!headers.has("authorization")) headers.set("authorization", `Bearer ${state.accessToken}`);
      if (init.json !== undefined) headers.set("content-type", "application/json");
      return fetch(`${fixture.fake.url}${path}`, {
        ...init,
        headers,
        body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
      });
    },
    /** GET .../events with query params, parsed. */
    async list(query: Record<string, string | number | boolean>, calendarId = CALENDAR) {
      const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
      const response = await fixture.api(`/calendar/v3/calendars/${encodeURIComponent(calendarId)}/events?${search}`);
      return { status: response.status, body: (await response.json()) as ListBody };
    },
  };
  return fixture;
}

export interface ListBody {
  items: Array<Record<string, unknown> & { id: string }>;
  nextPageToken?: string;
  nextSyncToken?: string;
  error?: { code: number; message: string; errors: Array<{ reason: string }> };
}

export function timed(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const day = String((i % 28) + 1).padStart(2, "0");
  return {
    summary: `Event ${i}`,
    start: { dateTime: `2026-03-${day}T09:00:00+01:00`, timeZone: "Europe/Berlin" },
    end: { dateTime: `2026-03-${day}T10:00:00+01:00`, timeZone: "Europe/Berlin" },
    ...extra,
  };
}
