import { createHmac, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

type RouteHandler = (request: Request, context: never) => Promise<Response>;
let route: { GET: RouteHandler; POST: RouteHandler; PUT: RouteHandler };

// The SDK signs and verifies with HMAC-SHA256 over `body + timestamp`, keyed by the signing
// key without its `signkey-<env>-` prefix; header `X-Inngest-Signature: t=<seconds>&s=<hex>`.
const signingKey = `signkey-test-${randomBytes(32).toString("hex")}`;

// Inngest signs the canonical JSON (RFC 8785) of the body: keys sorted, no whitespace.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function sign(body: string, key = signingKey, ts = Math.round(Date.now() / 1000)): string {
  const hmac = createHmac("sha256", key.replace(/^signkey-\w+-/, ""))
    .update(body + ts)
    .digest("hex");
  return `t=${ts}&s=${hmac}`;
}

const appUrl = "http://localhost:3000/api/inngest";
let inngestServer: Server;
let registrationBase = "";
let registrations: { authorization?: string; body: { appName?: string; functions: { id: string }[] } }[] = [];

// Stands in for Inngest's API during registration (PUT), which posts the function configs to
// `${INNGEST_API_BASE_URL}/fn/register`.
beforeAll(async () => {
  inngestServer = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      if (request.url?.startsWith("/fn/register")) {
        registrations.push({ authorization: request.headers.authorization, body: JSON.parse(body) });
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
        return;
      }
      response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => inngestServer.listen(0, "127.0.0.1", resolve));
  // The SDK fixes its registration URL when `serve` runs: configure first, then import.
  const base = `http://127.0.0.1:${(inngestServer.address() as AddressInfo).port}`;
  registrationBase = base;
  vi.stubEnv("INNGEST_DEV", "");
  vi.stubEnv("INNGEST_SIGNING_KEY", signingKey);
  vi.stubEnv("INNGEST_EVENT_KEY", "test-event-key");
  vi.stubEnv("INNGEST_BASE_URL", base);
  vi.stubEnv("INNGEST_API_BASE_URL", base);
  route = (await import("../../../app/api/inngest/route.ts")) as unknown as typeof route;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => inngestServer.close(resolve));
});

beforeEach(() => {
  registrations = [];
});

function invocation(): string {
  return canonical({
    event: { name: "concord/google.notification", data: { calendarId: "c1", channelId: "ch1", resourceState: "sync" } },
    events: [
      { name: "concord/google.notification", data: { calendarId: "c1", channelId: "ch1", resourceState: "sync" } },
    ],
    steps: {},
    ctx: { run_id: "01TESTRUN", attempt: 0, disable_immediate_execution: false, use_api: false },
    version: 1,
  });
}

function post(body: string, signature?: string): Promise<Response> {
  const url = `${appUrl}?fnId=concord-handle-google-notification&stepId=step`;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature) headers["x-inngest-signature"] = signature;
  return route.POST(new Request(url, { method: "POST", headers, body }), undefined as never);
}

describe("/api/inngest", () => {
  it("answers 404 when Inngest is not configured (the embedded runner runs the jobs)", async () => {
    for (const name of ["INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY", "INNGEST_BASE_URL"]) vi.stubEnv(name, "");
    try {
      const response = await route.GET(new Request(appUrl), undefined as never);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
    } finally {
      vi.stubEnv("INNGEST_SIGNING_KEY", signingKey);
      vi.stubEnv("INNGEST_EVENT_KEY", "test-event-key");
      vi.stubEnv("INNGEST_BASE_URL", registrationBase);
    }
  });

  it("answers a signed introspection request and refuses an unsigned one", async () => {
    const unsigned = await route.GET(new Request(appUrl), undefined as never);
    expect(unsigned.status).toBe(401);
    const signed = await route.GET(
      new Request(appUrl, { headers: { "x-inngest-signature": sign("") } }),
      undefined as never,
    );
    expect(signed.status).toBe(200);
    expect(await signed.json()).toMatchObject({ function_count: 12, has_signing_key: true, mode: "cloud" });
  });

  it("registers every function with Inngest on PUT", async () => {
    const response = await route.PUT(new Request(appUrl, { method: "PUT" }), undefined as never);
    expect(response.status).toBe(200);
    expect(registrations).toHaveLength(1);
    const ids = registrations[0]?.body.functions.map((fn) => fn.id).sort();
    expect(ids).toEqual(
      [
        "compact-client-sync",
        "handle-google-notification",
        "initial-sync",
        "poll-caldav",
        "pull-calendar",
        "purge-trash",
        "push-outbox",
        "reconcile-google",
        "refresh-calendar-list",
        "refresh-calendar-lists",
        "renew-google-channels",
        "retry-stalled-outbox",
      ].map((id) => `concord-${id}`),
    );
    const byId = new Map(registrations[0]?.body.functions.map((fn) => [fn.id, fn]));
    expect(byId.get("concord-pull-calendar")).toMatchObject({
      triggers: [{ event: "concord/calendar.pull" }],
      concurrency: { key: "event.data.calendarId", limit: 1 },
      debounce: { key: "event.data.calendarId", period: "5s" },
    });
    expect(byId.get("concord-push-outbox")).toMatchObject({
      triggers: [{ event: "concord/outbox.push" }],
      concurrency: { key: "event.data.calendarId", limit: 1 },
    });
    expect(byId.get("concord-poll-caldav")).toMatchObject({ triggers: [{ cron: "*/2 * * * *" }] });
    // The SDK authenticates with a hash of the signing key, never the key itself.
    expect(registrations[0]?.authorization).toMatch(/^Bearer signkey-test-[0-9a-f]{64}$/);
    expect(registrations[0]?.authorization).not.toContain(signingKey.slice(13));
  });

  it("runs a correctly signed invocation", async () => {
    const body = invocation();
    const response = await post(body, sign(body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ queued: false });
  });

  it("refuses unsigned, badly signed and expired invocations", async () => {
    const body = invocation();
    const wrongKey = `signkey-test-${randomBytes(32).toString("hex")}`;
    const responses = [
      await post(body),
      await post(body, sign(body, wrongKey)),
      await post(body.replace('"c1"', '"c2"'), sign(body)),
      await post(body, sign(body, signingKey, Math.round(Date.now() / 1000) - 3600)),
    ];
    for (const response of responses) {
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain("queued");
    }
  });
});
