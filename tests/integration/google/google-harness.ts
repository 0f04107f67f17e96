/**
 * Shared setup of the Google integration tests: the Google fake, a fresh PGlite database, the
 * environment pointing the real googleapis client at the fake, a loopback listener standing in
 * for APP_URL that hands Google's push notifications to the real webhook route, and a capture
 * of queued background events.
 */
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";
import * as connectRoute from "../../../app/api/connect/google/route.ts";
import * as callbackRoute from "../../../app/api/connect/google/callback/route.ts";
import * as webhookRoute from "../../../app/api/webhooks/google/route.ts";
import { db } from "../../../lib/db/client.ts";
import { setEmbeddedInbox } from "../../../lib/queue/embedded-inbox.ts";
import type { ConcordEvent } from "../../../lib/queue/events.ts";
import { startGoogleFake, type GoogleFake } from "../../fakes/google/start-google-fake.ts";
import { createUserWithToken } from "../../helpers/api.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";

export const PRIMARY = "user@example.com";
export const SHARED = "team@group.calendar.google.com";
export const CLIENT_ID = "concord-google-client";

const ENV_KEYS = [
  "GOOGLE_API_ROOT_URL",
  "GOOGLE_OAUTH_URL",
  "GOOGLE_CLIENT_ID",
  "GOOGLE_CLIENT_SECRET",
  "APP_URL",
  "CONCORD_ALLOW_HTTP_WEBHOOKS",
  "CONCORD_ENCRYPTION_KEY",
  "AUTH_SECRET",
] as const;

export interface WebhookDelivery {
  channelId: string;
  resourceState: string;
  status: number;
}

export function setupGoogleIntegration() {
  const h = {
    fake: undefined as unknown as GoogleFake,
    testDb: undefined as unknown as TestDb,
    appUrl: "",
    queued: [] as ConcordEvent[],
    deliveries: [] as WebhookDelivery[],
  };
  const savedEnv = new Map<string, string | undefined>();
  let listener: Server | undefined;

  beforeAll(async () => {
    for (const key of ENV_KEYS) savedEnv.set(key, process.env[key]);
    h.fake = await startGoogleFake();
    // Stands in for the public APP_URL: Google's notifications reach the real route handler.
    listener = createServer((req, res) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(name, value);
      }
      req.resume();
      req.on("end", () => {
        void (async () => {
          const response = await webhookRoute.POST(
            new Request(`${h.appUrl}${req.url ?? "/"}`, { method: req.method, headers }),
            { params: Promise.resolve({}) },
          );
          h.deliveries.push({
            channelId: headers.get("x-goog-channel-id") ?? "",
            resourceState: headers.get("x-goog-resource-state") ?? "",
            status: response.status,
          });
          res.writeHead(response.status).end();
        })();
      });
    });
    await new Promise<void>((resolve) => listener?.listen(0, "127.0.0.1", resolve));
    h.appUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    Object.assign(process.env, {
      GOOGLE_API_ROOT_URL: h.fake.url,
      GOOGLE_OAUTH_URL: h.fake.url,
      GOOGLE_CLIENT_ID: CLIENT_ID,
      GOOGLE_CLIENT_SECRET: "google-client-secret",
      APP_URL: h.appUrl,
      CONCORD_ALLOW_HTTP_WEBHOOKS: "1",
      CONCORD_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      AUTH_SECRET: randomBytes(32).toString("base64url"),
    });
    h.testDb = await createTestDb("pglite");
    setEmbeddedInbox({ enqueue: (event) => h.queued.push(event) });
  });

  beforeEach(async () => {
    await h.fake.control.reset();
    await h.fake.control.addCalendar({ id: PRIMARY, summary: "Me", timeZone: "Europe/Berlin" });
    await h.fake.control.addCalendar({
      id: SHARED,
      summary: "Team",
      timeZone: "Europe/Berlin",
      access: { "boss@example.com": "owner", [PRIMARY]: "reader" },
    });
    h.queued.length = 0;
    h.deliveries.length = 0;
  });

  afterAll(async () => {
    setEmbeddedInbox(undefined);
    await new Promise<void>((resolve) => (listener ? listener.close(() => resolve()) : resolve()));
    await h.fake?.stop();
    await h.testDb?.close();
    for (const [key, value] of savedEnv) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  return h;
}

const routeContext = { params: Promise.resolve({}) };

/** GET /api/connect/google as a signed-in user: the 302 and its nonce cookie. */
export async function startConsent(params: { token: string }): Promise<{ location: string; cookie: string }> {
  const response = await connectRoute.GET(
    new Request("http://localhost/api/connect/google", { headers: { authorization: `Bearer ${params.token}` } }),
    routeContext,
  );
  if (response.status !== 302) throw new Error(`connect answered ${response.status}`);
  const setCookie = response.headers.get("set-cookie") ?? "";
  return { location: response.headers.get("location") ?? "", cookie: setCookie.split(";")[0] ?? "" };
}

/** Follows the consent URL at the fake (which consents at once) to the callback URL it redirects to. */
export async function consentAtGoogle(consentUrl: string): Promise<string> {
  const response = await fetch(consentUrl, { redirect: "manual" });
  if (response.status !== 302) throw new Error(`consent answered ${response.status}: ${await response.text()}`);
  return response.headers.get("location") ?? "";
}

/** GET /api/connect/google/callback as the browser would send it back. */
export async function finishConsent(params: { callbackUrl: string; token: string; cookie?: string }) {
  const headers: Record<string, string> = { authorization: `Bearer ${params.token}` };
  if (params.cookie) headers.cookie = params.cookie;
  const response = await callbackRoute.GET(new Request(params.callbackUrl, { headers }), routeContext);
  return { status: response.status, location: response.headers.get("location") ?? "" };
}

/** The whole flow for a user: connect, consent, callback. Returns the callback's redirect. */
export async function connectGoogle(params: { token: string }) {
  const consent = await startConsent(params);
  const callbackUrl = await consentAtGoogle(consent.location);
  return finishConsent({ callbackUrl, token: params.token, cookie: consent.cookie });
}

/** A user with an API token and a connected Google account; returns the connection id too. */
export async function userWithGoogle(label: string) {
  const user = await createUserWithToken(label);
  const result = await connectGoogle({ token: user.token });
  if (!result.location.includes("connected=google")) throw new Error(`connect failed: ${result.location}`);
  const connection = await db().connection.findFirstOrThrow({ where: { userId: user.userId, provider: "GOOGLE" } });
  return { ...user, connectionId: connection.id };
}

export function googleEvent(i: number) {
  const day = String((i % 28) + 1).padStart(2, "0");
  return {
    summary: `Event ${i}`,
    start: { dateTime: `2026-05-${day}T09:00:00Z` },
    end: { dateTime: `2026-05-${day}T10:00:00Z` },
  };
}
