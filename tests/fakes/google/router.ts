import type { IncomingMessage, ServerResponse } from "node:http";
import { listCalendarEntries, resolveCalendar } from "./calendar-access.ts";
import { handleControl } from "./control.ts";
import { deleteEvent, getEvent, insertEvent, patchEvent } from "./events-write.ts";
import { listInstances } from "./events-instances.ts";
import { listEvents } from "./events-list.ts";
import type { FakeContext } from "./fake-context.ts";
import { applyFaults } from "./faults.ts";
import { GoogleHttpError, notFound, parseBody, readBody, sendEmpty, sendGoogleError, sendJson } from "./http-utils.ts";
import { authenticate, handleAuthorize, handleRevoke, handleToken, handleUserinfo } from "./oauth.ts";
import { channelResource, createChannel, notify, stopChannel } from "./watch.ts";

const EVENTS = /^\/calendar\/v3\/calendars\/([^/]+)\/events$/;
const EVENT = /^\/calendar\/v3\/calendars\/([^/]+)\/events\/([^/]+)$/;
const WATCH = /^\/calendar\/v3\/calendars\/([^/]+)\/events\/watch$/;
const INSTANCES = /^\/calendar\/v3\/calendars\/([^/]+)\/events\/([^/]+)\/instances$/;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Calendar API v3 routes (all need a Bearer access token). */
async function routeCalendarApi(
  ctx: FakeContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: Record<string, unknown>,
): Promise<void> {
  const email = authenticate(ctx.oauth, req);
  const method = req.method ?? "GET";
  const path = url.pathname;
  const { store } = ctx;
  if (method === "GET" && path === "/calendar/v3/users/me/calendarList")
    return sendJson(res, 200, listCalendarEntries({ store, email }));
  if (method === "POST" && path === "/calendar/v3/channels/stop") {
    stopChannel({ state: ctx.watch, email, body });
    return sendEmpty(res, 204);
  }
  const watchMatch = WATCH.exec(path);
  if (watchMatch && method === "POST") {
    const { calendar } = resolveCalendar({
      store,
      email,
      rawId: decodeURIComponent(watchMatch[1] ?? ""),
      isWrite: false,
    });
    const channel = createChannel({ state: ctx.watch, calendar, email, body, baseUrl: ctx.baseUrl });
    // The first `sync` message may arrive before the watch response (push guide).
    const sync = notify(ctx.watch, channel, "sync");
    if (ctx.watch.settings.syncBeforeResponse) await sync;
    return sendJson(res, 200, channelResource(channel));
  }
  const instancesMatch = INSTANCES.exec(path);
  if (instancesMatch && method === "GET") {
    const rawId = decodeURIComponent(instancesMatch[1] ?? "");
    const { calendar } = resolveCalendar({ store, email, rawId, isWrite: false });
    const id = decodeURIComponent(instancesMatch[2] ?? "");
    return sendJson(res, 200, listInstances({ store, calendar, id, query: url.searchParams }));
  }
  const eventsMatch = EVENTS.exec(path);
  if (eventsMatch) {
    const rawId = decodeURIComponent(eventsMatch[1] ?? "");
    if (method === "GET") {
      const { calendar, role } = resolveCalendar({ store, email, rawId, isWrite: false });
      return sendJson(res, 200, listEvents({ store, calendar, role, query: url.searchParams }));
    }
    if (method === "POST") {
      const { calendar } = resolveCalendar({ store, email, rawId, isWrite: true });
      return sendJson(res, 200, insertEvent({ store, calendar, body, email }));
    }
  }
  const eventMatch = EVENT.exec(path);
  if (eventMatch) {
    const rawId = decodeURIComponent(eventMatch[1] ?? "");
    const id = decodeURIComponent(eventMatch[2] ?? "");
    const { calendar } = resolveCalendar({ store, email, rawId, isWrite: method !== "GET" });
    const ifMatch = header(req, "if-match");
    if (method === "GET") {
      const result = getEvent({ store, calendar, id, ifNoneMatch: header(req, "if-none-match") });
      return result.body ? sendJson(res, result.status, result.body) : sendEmpty(res, result.status);
    }
    if (method === "PATCH" || method === "PUT") {
      return sendJson(res, 200, patchEvent({ store, calendar, id, body, ifMatch, replace: method === "PUT" }));
    }
    if (method === "DELETE") {
      deleteEvent({ store, calendar, id, ifMatch });
      return sendEmpty(res, 204);
    }
  }
  throw notFound();
}

export async function route(ctx: FakeContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", ctx.baseUrl);
  const method = req.method ?? "GET";
  const text = await readBody(req);
  const logged = { method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: 0 };
  res.on("finish", () => {
    logged.status = res.statusCode;
  });
  try {
    const body = parseBody(text, header(req, "content-type"));
    if (url.pathname.startsWith("/__control")) return await handleControl(ctx, method, url, body, res);
    ctx.requests.push(logged);
    const fault = await applyFaults(ctx.faults, method, url.pathname);
    if (fault) throw fault;
    if (method === "GET" && (url.pathname === "/o/oauth2/v2/auth" || url.pathname === "/o/oauth2/auth"))
      return handleAuthorize(ctx.oauth, url, res);
    if (method === "POST" && url.pathname === "/token") return handleToken(ctx.oauth, body, res);
    if (method === "POST" && url.pathname === "/revoke")
      return handleRevoke(ctx.oauth, url.searchParams.get("token") ?? (body.token as string | undefined), res);
    if (method === "GET" && (url.pathname === "/v1/userinfo" || url.pathname === "/oauth2/v3/userinfo"))
      return handleUserinfo(ctx.oauth, req, res);
    await routeCalendarApi(ctx, req, res, url, body);
  } catch (error) {
    if (error instanceof GoogleHttpError) return sendGoogleError(res, error);
    if (error instanceof SyntaxError)
      return sendGoogleError(res, new GoogleHttpError({ status: 400, reason: "parseError", message: "Parse Error" }));
    sendGoogleError(
      res,
      new GoogleHttpError({ status: 500, reason: "backendError", message: String((error as Error).message) }),
    );
  }
}
