import { calendar } from "@googleapis/calendar";
import { OAuth2Client } from "google-auth-library";
import { ProviderError } from "./errors.ts";
import type { CalendarProvider, RemoteCalendar, WatchCapable } from "./types.ts";
import type { RetryPolicy } from "./google/call-google.ts";
import { DEFAULT_RETRY_POLICY } from "./google/call-google.ts";
import { readGoogleError } from "./google/classify-google-error.ts";
import type { GoogleOAuthCredentials } from "./google/exchange-google-code.ts";
import type { GoogleContext } from "./google/google-context.ts";
import { runGoogle } from "./google/google-context.ts";
import { resolveGoogleEndpoints } from "./google/google-endpoints.ts";
import { googleRequestBounds } from "./google/google-request-bounds.ts";
import { pullGoogleEvents } from "./google/pull-google-events.ts";
import {
  createGoogleEvent,
  deleteGoogleEvent,
  fetchGoogleEvent,
  updateGoogleEvent,
} from "./google/write-google-events.ts";

export { buildGoogleAuthUrl } from "./google/build-google-auth-url.ts";
export { exchangeGoogleCode } from "./google/exchange-google-code.ts";
export type { GoogleOAuthCredentials } from "./google/exchange-google-code.ts";

export interface GoogleProviderOptions {
  credentials: { accessToken: string; refreshToken: string; expiryDate?: number | null };
  clientId: string;
  clientSecret: string;
  /** Defaults to GOOGLE_API_ROOT_URL, else https://www.googleapis.com/. */
  apiRootUrl?: string;
  /** Defaults to GOOGLE_OAUTH_URL, else Google's own OAuth endpoints. */
  oauthUrl?: string;
  /** Called with refreshed tokens (OAuth2Client 'tokens'); awaited before each method returns. */
  onCredentialsChanged?: (credentials: GoogleOAuthCredentials) => Promise<void>;
  /** Backoff for rate limits and 5xx (small values in tests). */
  retryPolicy?: Partial<RetryPolicy>;
}

const READ_ONLY_ROLES = new Set(["reader", "freeBusyReader"]);

/** Google Calendar behind Concord's CalendarProvider, with push channels (WatchCapable). */
export function createGoogleProvider(options: GoogleProviderOptions): CalendarProvider & WatchCapable {
  const endpoints = resolveGoogleEndpoints(options);
  const bounds = googleRequestBounds();
  const auth = new OAuth2Client({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    endpoints: endpoints.oauth,
    transporterOptions: bounds,
  });
  // expiry_date matters: without it the client refreshes on every 403, quota errors included.
  auth.setCredentials({
    access_token: options.credentials.accessToken,
    refresh_token: options.credentials.refreshToken,
    expiry_date: options.credentials.expiryDate ?? undefined,
  });
  let refreshToken = options.credentials.refreshToken;
  const saves = new Set<Promise<void>>();
  auth.on("tokens", (tokens) => {
    if (tokens.refresh_token) refreshToken = tokens.refresh_token;
    if (!options.onCredentialsChanged || !tokens.access_token) return;
    const save = options.onCredentialsChanged({
      kind: "oauth",
      accessToken: tokens.access_token,
      refreshToken,
      expiryDate: tokens.expiry_date ?? null,
      scope: tokens.scope ?? undefined,
    });
    saves.add(save);
  });
  const ctx: GoogleContext = {
    // gaxios' own retries are off: the adapter retries explicitly (call-google.ts).
    api: calendar({ version: "v3", auth, rootUrl: endpoints.apiRootUrl, retry: false, ...bounds }),
    callContext: {
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy },
      refreshAccessToken: async () => {
        await auth.refreshAccessToken();
      },
      counter: { requests: 0 },
    },
  };

  /** Runs an operation, then waits for refreshed credentials to be persisted. */
  async function withSaves<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } finally {
      const pending = [...saves];
      saves.clear();
      await Promise.all(pending);
    }
  }

  return {
    name: "google",
    listCalendars: () =>
      withSaves(async () => {
        const calendars: RemoteCalendar[] = [];
        let pageToken: string | undefined;
        do {
          const page = await runGoogle(ctx, () => ctx.api.calendarList.list({ maxResults: 250, pageToken }));
          for (const entry of page.items ?? []) {
            if (!entry.id || entry.deleted) continue;
            calendars.push({
              remoteId: entry.id,
              name: entry.summaryOverride ?? entry.summary ?? entry.id,
              color: entry.backgroundColor ?? undefined,
              timeZone: entry.timeZone ?? undefined,
              readOnly: READ_ONLY_ROLES.has(entry.accessRole ?? "reader"),
            });
          }
          pageToken = page.nextPageToken ?? undefined;
        } while (pageToken);
        return calendars;
      }),
    pull: ({ calendar: ref, cursor }) => withSaves(() => pullGoogleEvents(ctx, { calendarId: ref.remoteId, cursor })),
    fetchEvent: ({ calendar: ref, ref: eventRef }) =>
      withSaves(() => fetchGoogleEvent(ctx, { calendarId: ref.remoteId, ref: eventRef })),
    createEvent: (params) =>
      withSaves(() => createGoogleEvent(ctx, { ...params, calendarId: params.calendar.remoteId })),
    updateEvent: (params) =>
      withSaves(() => updateGoogleEvent(ctx, { ...params, calendarId: params.calendar.remoteId })),
    deleteEvent: (params) =>
      withSaves(() => deleteGoogleEvent(ctx, { ...params, calendarId: params.calendar.remoteId })),
    watch: (params) =>
      withSaves(async () => {
        const channel = await runGoogle(ctx, () =>
          ctx.api.events.watch({
            calendarId: params.calendar.remoteId,
            requestBody: { id: params.channelId, type: "web_hook", address: params.address, token: params.token },
          }),
        );
        if (!channel.resourceId) throw new ProviderError("Google watch answered without a resourceId");
        return { resourceId: channel.resourceId, expiresAt: new Date(Number(channel.expiration)) };
      }),
    unwatch: (params) =>
      withSaves(async () => {
        try {
          await runGoogle(ctx, () =>
            ctx.api.channels.stop({ requestBody: { id: params.channelId, resourceId: params.resourceId } }),
          );
        } catch (error) {
          // A channel that is already gone (expired, stopped) needs no stopping.
          const status = error instanceof ProviderError ? error.status : readGoogleError(error).status;
          if (status !== 404) throw error;
        }
      }),
  };
}
