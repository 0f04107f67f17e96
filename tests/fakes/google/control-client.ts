import type { EventResource } from "./event-types.ts";
import type { LoggedRequest } from "./fake-context.ts";
import type { FaultRule } from "./faults.ts";
import type { AccessRole } from "./store.ts";
import type { Channel, DeliveredNotification } from "./watch.ts";

export interface GrantTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  expiryDate: number;
  email: string;
}

/** Typed client for the fake's /__control API (the same calls `main.ts` users make with curl). */
export function createControlClient(baseUrl: string) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}/__control${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as T;
    if (!response.ok) throw new Error(`control ${method} ${path} -> ${response.status} ${JSON.stringify(json)}`);
    return json;
  }
  return {
    reset: () => call<object>("POST", "/reset"),
    addCalendar: (calendar: {
      id: string;
      summary?: string;
      timeZone?: string;
      backgroundColor?: string;
      access?: Record<string, AccessRole>;
    }) => call<{ id: string }>("POST", "/calendars", calendar),
    updateCalendar: (id: string, changes: { summary?: string; backgroundColor?: string; timeZone?: string }) =>
      call<{ id: string }>("PATCH", `/calendars/${encodeURIComponent(id)}`, changes),
    deleteCalendar: (id: string) => call<object>("DELETE", `/calendars/${encodeURIComponent(id)}`),
    seedEvents: async (calendarId: string, events: Array<Partial<EventResource>>) =>
      (
        await call<{ items: EventResource[] }>("POST", `/calendars/${encodeURIComponent(calendarId)}/events`, {
          events,
        })
      ).items,
    storedEvents: async (calendarId: string) =>
      (
        await call<{ items: Array<EventResource & { deleted: boolean }> }>(
          "GET",
          `/calendars/${encodeURIComponent(calendarId)}/events`,
        )
      ).items,
    mutate: (params: {
      calendarId: string;
      action: "insert" | "patch" | "update" | "delete";
      eventId?: string;
      event?: Partial<EventResource>;
    }) => call<EventResource>("POST", "/mutate", params),
    invalidateSyncTokens: (calendarId: string) =>
      call<object>("POST", `/calendars/${encodeURIComponent(calendarId)}/invalidate-sync-tokens`),
    setOptions: (options: {
      dropCancelledInstanceFields?: boolean;
      minimalDeletions?: boolean;
      notificationMode?: "immediate" | "held";
      syncBeforeResponse?: boolean;
      dropNotifications?: number;
      accessTokenTtlSeconds?: number;
      consentAccount?: string;
    }) => call<object>("POST", "/options", options),
    createGrant: (params: { email?: string; clientId?: string; scope?: string } = {}) =>
      call<GrantTokens>("POST", "/oauth/grants", params),
    revokeGrants: (params: { email?: string; refreshToken?: string } = {}) =>
      call<{ count: number }>("POST", "/oauth/revoke", params),
    expireGrants: (params: { email?: string; refreshToken?: string } = {}) =>
      call<{ count: number }>("POST", "/oauth/expire", params),
    expireAccessTokens: () => call<object>("POST", "/oauth/expire-access-tokens"),
    channels: async () => (await call<{ channels: Channel[] }>("GET", "/channels")).channels,
    notifications: async () =>
      (await call<{ notifications: DeliveredNotification[] }>("GET", "/notifications")).notifications,
    flushNotifications: async () =>
      (await call<{ notifications: DeliveredNotification[] }>("POST", "/notifications/flush")).notifications,
    addFault: (rule: Partial<FaultRule>) => call<object>("POST", "/faults", rule),
    clearFaults: () => call<object>("DELETE", "/faults"),
    requests: () => call<{ requests: LoggedRequest[]; counts: Record<string, number> }>("GET", "/requests"),
    clearRequests: () => call<object>("DELETE", "/requests"),
  };
}

export type ControlClient = ReturnType<typeof createControlClient>;
