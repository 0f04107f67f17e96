import { readFileSync } from "node:fs";
import { afterAll, beforeEach } from "vitest";
import type { GoogleOAuthCredentials } from "../../../lib/providers/google.ts";
import { createGoogleProvider } from "../../../lib/providers/google.ts";
import type { CalendarProvider, WatchCapable } from "../../../lib/providers/types.ts";
import type { EventResource } from "./event-types.ts";
import { startGoogleFake } from "./start-google-fake.ts";
import type { GoogleFake } from "./start-google-fake.ts";

export const CALENDAR_ID = "user@example.com";
export const CLIENT_ID = "concord-test-client";

/** A Google event fixture from tests/fixtures/google/. */
export function googleFixture(name: string): Partial<EventResource> {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/google/${name}.json`, import.meta.url), "utf8"),
  ) as Partial<EventResource>;
}

/**
 * The Google adapter wired to a fresh fake for each test (one fake per file), with tiny
 * backoff delays. `saved` records what the adapter asked to persist.
 */
export function setupGoogleProvider() {
  const ready = startGoogleFake();
  const state = {
    fake: undefined as unknown as GoogleFake,
    provider: undefined as unknown as CalendarProvider & WatchCapable,
    saved: [] as GoogleOAuthCredentials[],
    refreshToken: "",
  };
  beforeEach(async () => {
    const fake = await ready;
    await fake.control.reset();
    await fake.control.addCalendar({ id: CALENDAR_ID, summary: "Me", timeZone: "Europe/Berlin" });
    const grant = await fake.control.createGrant({ clientId: CLIENT_ID });
    state.fake = fake;
    state.saved = [];
    state.refreshToken = grant.refreshToken;
    state.provider = createGoogleProvider({
      credentials: { accessToken: grant.accessToken, refreshToken: grant.refreshToken, expiryDate: grant.expiryDate },
      clientId: CLIENT_ID,
      clientSecret: "test-secret",
      apiRootUrl: fake.url,
      oauthUrl: fake.url,
      retryPolicy: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
      onCredentialsChanged: async (credentials) => {
        state.saved.push(credentials);
      },
    });
  });
  afterAll(async () => {
    await (await ready).stop();
  });
  return state;
}
