import type { ServerResponse } from "node:http";
import { deleteEvent, insertEvent, patchEvent } from "./events-write.ts";
import type { FakeContext } from "./fake-context.ts";
import { parseFaultRule } from "./faults.ts";
import { GoogleHttpError, notFound, sendJson } from "./http-utils.ts";
import { createGrant, expireAccessTokens, killGrants, resetOAuthState } from "./oauth.ts";
import type { AccessRole } from "./store.ts";
import { DEFAULT_ACCOUNT, addCalendar, eventsOf, latest, resetStore } from "./store.ts";
import { flushNotifications, resetWatchState } from "./watch.ts";

function calendarOf(ctx: FakeContext, id: unknown) {
  const calendar = ctx.store.calendars.get(String(id));
  if (!calendar) throw notFound();
  return calendar;
}

/** Edits made "as another client" (e.g. the Google Calendar UI): no auth, no If-Match. */
function mutate(ctx: FakeContext, body: Record<string, unknown>): unknown {
  const calendar = calendarOf(ctx, body.calendarId);
  const event = (body.event ?? {}) as Record<string, unknown>;
  const id = String(body.eventId ?? event.id ?? "");
  switch (body.action) {
    case "insert":
      return insertEvent({ store: ctx.store, calendar, body: event, email: String(body.as ?? DEFAULT_ACCOUNT) });
    case "patch":
    case "update":
      return patchEvent({ store: ctx.store, calendar, id, body: event, replace: body.action === "update" });
    case "delete":
      deleteEvent({ store: ctx.store, calendar, id });
      return {};
    default:
      throw new GoogleHttpError({
        status: 400,
        reason: "invalid",
        message: "action must be insert|patch|update|delete",
      });
  }
}

/** The test-control API under /__control (documented in README.md). */
export async function handleControl(
  ctx: FakeContext,
  method: string,
  url: URL,
  body: Record<string, unknown>,
  res: ServerResponse,
): Promise<void> {
  const path = url.pathname.slice("/__control".length);
  const reply = (value: unknown) => sendJson(res, 200, value);
  if (method === "POST" && path === "/reset") {
    resetStore(ctx.store);
    resetOAuthState(ctx.oauth);
    resetWatchState(ctx.watch);
    ctx.faults.splice(0);
    ctx.requests.splice(0);
    return reply({});
  }
  if (method === "POST" && path === "/calendars") {
    const calendar = addCalendar(ctx.store, {
      id: String(body.id),
      summary: body.summary as string | undefined,
      timeZone: body.timeZone as string | undefined,
      backgroundColor: body.backgroundColor as string | undefined,
      access: body.access as Record<string, AccessRole> | undefined,
    });
    return reply({ id: calendar.id });
  }
  const calendarOnly = /^\/calendars\/([^/]+)$/.exec(path);
  if (calendarOnly && (method === "PATCH" || method === "DELETE")) {
    // Another client (the Google Calendar UI) renames, recolours or deletes a calendar.
    const calendar = calendarOf(ctx, decodeURIComponent(calendarOnly[1] ?? ""));
    if (method === "DELETE") {
      ctx.store.calendars.delete(calendar.id);
      ctx.store.events.delete(calendar.id);
      return reply({});
    }
    if (typeof body.summary === "string") calendar.summary = body.summary;
    if (typeof body.backgroundColor === "string") calendar.backgroundColor = body.backgroundColor;
    if (typeof body.timeZone === "string") calendar.timeZone = body.timeZone;
    return reply({ id: calendar.id });
  }
  const calendarPath = /^\/calendars\/([^/]+)\/(events|invalidate-sync-tokens)$/.exec(path);
  if (calendarPath) {
    const calendar = calendarOf(ctx, decodeURIComponent(calendarPath[1] ?? ""));
    if (calendarPath[2] === "invalidate-sync-tokens" && method === "POST") {
      calendar.tokenGeneration += 1;
      return reply({ tokenGeneration: calendar.tokenGeneration });
    }
    if (method === "POST") {
      const events = (Array.isArray(body.events) ? body.events : [body.event ?? body]) as Array<
        Record<string, unknown>
      >;
      return reply({
        items: events.map((event) => insertEvent({ store: ctx.store, calendar, body: event, email: DEFAULT_ACCOUNT })),
      });
    }
    if (method === "GET") {
      const items = [...eventsOf(ctx.store, calendar.id).values()].map((record) => ({
        ...latest(record).resource,
        deleted: latest(record).deleted,
      }));
      return reply({ items });
    }
  }
  if (method === "POST" && path === "/mutate") return reply(mutate(ctx, body));
  if (method === "POST" && path === "/options") {
    if (typeof body.dropCancelledInstanceFields === "boolean")
      ctx.store.options.dropCancelledInstanceFields = body.dropCancelledInstanceFields;
    if (typeof body.minimalDeletions === "boolean") ctx.store.options.minimalDeletions = body.minimalDeletions;
    if (body.notificationMode === "held" || body.notificationMode === "immediate")
      ctx.watch.settings.mode = body.notificationMode;
    if (typeof body.syncBeforeResponse === "boolean") ctx.watch.settings.syncBeforeResponse = body.syncBeforeResponse;
    if (typeof body.dropNotifications === "number") ctx.watch.settings.dropNext = body.dropNotifications;
    if (typeof body.accessTokenTtlSeconds === "number")
      ctx.oauth.settings.accessTokenTtlSeconds = body.accessTokenTtlSeconds;
    if (typeof body.consentAccount === "string") ctx.oauth.settings.consentAccount = body.consentAccount;
    return reply({});
  }
  if (method === "POST" && path === "/oauth/grants")
    return reply(createGrant(ctx.oauth, body as { email?: string; clientId?: string; scope?: string }));
  if (method === "POST" && (path === "/oauth/revoke" || path === "/oauth/expire")) {
    return reply({ count: killGrants(ctx.oauth, body as { email?: string; refreshToken?: string }) });
  }
  if (method === "POST" && path === "/oauth/expire-access-tokens") {
    expireAccessTokens(ctx.oauth);
    return reply({});
  }
  if (method === "GET" && path === "/channels") return reply({ channels: [...ctx.watch.channels.values()] });
  if (method === "GET" && path === "/notifications") return reply({ notifications: ctx.watch.log });
  if (method === "POST" && path === "/notifications/flush")
    return reply({ notifications: await flushNotifications(ctx.watch) });
  if (method === "POST" && path === "/faults") {
    ctx.faults.push(parseFaultRule(body));
    return reply({ faults: ctx.faults });
  }
  if (method === "DELETE" && path === "/faults") {
    ctx.faults.splice(0);
    return reply({});
  }
  if (method === "GET" && path === "/requests") {
    const counts: Record<string, number> = {};
    for (const r of ctx.requests) counts[`${r.method} ${r.path}`] = (counts[`${r.method} ${r.path}`] ?? 0) + 1;
    return reply({ requests: ctx.requests, counts });
  }
  if (method === "DELETE" && path === "/requests") {
    ctx.requests.splice(0);
    return reply({});
  }
  throw notFound();
}
