import { createHash } from "node:crypto";
import { GoogleHttpError, badRequest, notFound } from "./http-utils.ts";
import type { CalendarRecord } from "./store.ts";

/** Google caps event channels at about a week (acl.watch `params.ttl` default 604800 s). */
const MAX_TTL_MS = 7 * 86_400_000;

export interface Channel {
  id: string;
  resourceId: string;
  resourceUri: string;
  calendarId: string;
  email: string;
  address: string;
  token?: string;
  expiration: number;
  messageNumber: number;
  isStopped: boolean;
}

export interface DeliveredNotification {
  channelId: string;
  messageNumber: number;
  resourceState: "sync" | "exists" | "not_exists";
  /** HTTP status of the callback, or null when it could not be reached. */
  status: number | null;
}

export interface WatchState {
  channels: Map<string, Channel>;
  log: DeliveredNotification[];
  inFlight: Set<Promise<void>>;
  held: Array<{ channel: Channel; resourceState: DeliveredNotification["resourceState"] }>;
  /** `dropNext`: lose the next N `exists` messages (Google: delivery is not guaranteed). */
  settings: { mode: "immediate" | "held"; syncBeforeResponse: boolean; dropNext: number };
}

export function createWatchState(): WatchState {
  return {
    channels: new Map(),
    log: [],
    inFlight: new Set(),
    held: [],
    settings: { mode: "immediate", syncBeforeResponse: true, dropNext: 0 },
  };
}

export function resetWatchState(state: WatchState): void {
  Object.assign(state, createWatchState());
}

/** Headers only, no body (push guide "Understanding the notification message format"). */
async function post(
  state: WatchState,
  channel: Channel,
  resourceState: DeliveredNotification["resourceState"],
): Promise<void> {
  // Message numbers increase but are not sequential: leave random gaps after the first.
  channel.messageNumber = channel.messageNumber === 0 ? 1 : channel.messageNumber + 1 + Math.floor(Math.random() * 3);
  const headers: Record<string, string> = {
    "user-agent": "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)",
    "x-goog-channel-id": channel.id,
    "x-goog-channel-expiration": new Date(channel.expiration).toUTCString(),
    "x-goog-message-number": String(channel.messageNumber),
    "x-goog-resource-id": channel.resourceId,
    "x-goog-resource-state": resourceState,
    "x-goog-resource-uri": channel.resourceUri,
  };
  if (channel.token !== undefined) headers["x-goog-channel-token"] = channel.token;
  const entry: DeliveredNotification = {
    channelId: channel.id,
    messageNumber: channel.messageNumber,
    resourceState,
    status: null,
  };
  state.log.push(entry);
  try {
    const response = await fetch(channel.address, { method: "POST", headers, signal: AbortSignal.timeout(5000) });
    await response.arrayBuffer();
    entry.status = response.status;
  } catch {
    entry.status = null;
  }
}

export function notify(
  state: WatchState,
  channel: Channel,
  resourceState: DeliveredNotification["resourceState"],
): Promise<void> {
  if (state.settings.dropNext > 0 && resourceState !== "sync") {
    state.settings.dropNext -= 1;
    // The number is used up all the same, so receivers see a gap.
    channel.messageNumber += 1;
    return Promise.resolve();
  }
  if (state.settings.mode === "held" && resourceState !== "sync") {
    state.held.push({ channel, resourceState });
    return Promise.resolve();
  }
  return track(state, channel, resourceState);
}

function track(
  state: WatchState,
  channel: Channel,
  resourceState: DeliveredNotification["resourceState"],
): Promise<void> {
  const delivery: Promise<void> = post(state, channel, resourceState).finally(() => state.inFlight.delete(delivery));
  state.inFlight.add(delivery);
  return delivery;
}

/** Called on every change of a calendar's events: one `exists` per live channel. */
export function notifyCalendarChanged(state: WatchState, calendarId: string): void {
  for (const channel of state.channels.values()) {
    if (channel.calendarId !== calendarId || channel.isStopped || channel.expiration <= Date.now()) continue;
    void notify(state, channel, "exists");
  }
}

/** Delivers held notifications and waits for every delivery in flight. */
export async function flushNotifications(state: WatchState): Promise<DeliveredNotification[]> {
  const held = state.held.splice(0);
  for (const { channel, resourceState } of held) void track(state, channel, resourceState);
  while (state.inFlight.size > 0) await Promise.all([...state.inFlight]);
  return state.log;
}

export function createChannel(params: {
  state: WatchState;
  calendar: CalendarRecord;
  email: string;
  body: Record<string, unknown>;
  baseUrl: string;
}): Channel {
  const { body, calendar } = params;
  if (typeof body.id !== "string" || body.id.length === 0 || body.id.length > 64)
    throw badRequest("Invalid channel id.");
  if (body.type !== "web_hook" && body.type !== "webhook") throw badRequest("Invalid channel type.", "invalid");
  if (typeof body.address !== "string" || !/^https?:\/\//.test(body.address)) {
    throw new GoogleHttpError({
      status: 400,
      reason: "push.webhookUrlNotHttps",
      message: "WebHook callback must be HTTPS.",
    });
  }
  if (body.token !== undefined && (typeof body.token !== "string" || body.token.length > 256))
    throw badRequest("Invalid channel token.");
  if (params.state.channels.has(body.id)) throw badRequest(`Channel id ${body.id} not unique`, "channelIdNotUnique");
  const requested = Number(body.expiration);
  const cap = Date.now() + MAX_TTL_MS;
  const channel: Channel = {
    id: body.id,
    resourceId: createHash("sha1").update(`events:${calendar.id}`).digest("base64url").slice(0, 27),
    resourceUri: `${params.baseUrl}/calendar/v3/calendars/${encodeURIComponent(calendar.id)}/events?alt=json`,
    calendarId: calendar.id,
    email: params.email,
    address: body.address,
    token: typeof body.token === "string" ? body.token : undefined,
    expiration: Number.isFinite(requested) && requested > 0 ? Math.min(requested, cap) : cap,
    messageNumber: 0,
    isStopped: false,
  };
  params.state.channels.set(channel.id, channel);
  return channel;
}

/** channels.stop: only the principal that created the channel may stop it. */
export function stopChannel(params: { state: WatchState; email: string; body: Record<string, unknown> }): void {
  const channel = params.state.channels.get(String(params.body.id));
  if (!channel || channel.resourceId !== params.body.resourceId || channel.isStopped) throw notFound();
  if (channel.email !== params.email)
    throw new GoogleHttpError({ status: 403, reason: "forbidden", message: "Forbidden" });
  channel.isStopped = true;
}

export function channelResource(channel: Channel): Record<string, unknown> {
  return {
    kind: "api#channel",
    id: channel.id,
    resourceId: channel.resourceId,
    resourceUri: channel.resourceUri,
    expiration: String(channel.expiration),
  };
}
