import { createServer } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { CALENDAR, timed, setupGoogleFake } from "./fake-fixture.ts";

const g = setupGoogleFake();
const received: Array<{ headers: IncomingHttpHeaders; body: string; at: number }> = [];
const callback = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    received.push({ headers: req.headers, body, at: received.length });
    res.writeHead(200).end();
  });
});
const callbackUrl = new Promise<string>((resolve) =>
  callback.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(callback.address() as AddressInfo).port}/hook`)),
);
afterAll(() => new Promise<void>((resolve) => callback.close(() => resolve())));

async function watch(id: string) {
  const response = await g.api(`/calendar/v3/calendars/${CALENDAR}/events/watch`, {
    method: "POST",
    json: { id, type: "web_hook", address: await callbackUrl, token: "secret-token" },
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe("Google fake push channels", () => {
  it("answers watch with a channel and sends `sync` first, then header-only `exists` messages", async () => {
    received.splice(0);
    const channel = await watch("chan-1");
    expect(channel.status).toBe(200);
    expect(channel.body).toMatchObject({
      kind: "api#channel",
      id: "chan-1",
      resourceId: expect.any(String),
      resourceUri: expect.stringContaining("/events"),
    });
    expect(Number(channel.body.expiration)).toBeGreaterThan(Date.now());
    // Delivered before the watch call returned (allowed by Google's push guide).
    expect(received.map((r) => r.headers["x-goog-resource-state"])).toEqual(["sync"]);
    expect(received[0]?.headers["x-goog-message-number"]).toBe("1");

    await g.fake.control.mutate({ calendarId: CALENDAR, action: "insert", event: timed(1) });
    await g.fake.control.mutate({ calendarId: CALENDAR, action: "insert", event: timed(2) });
    await g.fake.control.flushNotifications();
    expect(received).toHaveLength(3);
    const last = received[2];
    expect(last?.body).toBe("");
    expect(last?.headers).toMatchObject({
      "x-goog-channel-id": "chan-1",
      "x-goog-channel-token": "secret-token",
      "x-goog-resource-id": channel.body.resourceId,
      "x-goog-resource-state": "exists",
      "x-goog-resource-uri": channel.body.resourceUri,
    });
    expect(Date.parse(String(last?.headers["x-goog-channel-expiration"]))).toBeGreaterThan(0);
    const numbers = received.map((r) => Number(r.headers["x-goog-message-number"]));
    expect(numbers[1]).toBeGreaterThan(numbers[0] ?? 0);
    expect(numbers[2]).toBeGreaterThan(numbers[1] ?? 0);
  });

  it("stops a channel with channels.stop; no deliveries after", async () => {
    received.splice(0);
    const channel = await watch("chan-2");
    const stop = await g.api("/calendar/v3/channels/stop", {
      method: "POST",
      json: { id: "chan-2", resourceId: channel.body.resourceId },
    });
    expect(stop.status).toBe(204);
    await g.fake.control.mutate({ calendarId: CALENDAR, action: "insert", event: timed(3) });
    await g.fake.control.flushNotifications();
    expect(received.map((r) => r.headers["x-goog-resource-state"])).toEqual(["sync"]);
    expect((await g.fake.control.channels()).find((c) => c.id === "chan-2")?.isStopped).toBe(true);
    expect(
      (await g.api("/calendar/v3/channels/stop", { method: "POST", json: { id: "chan-2", resourceId: "other" } }))
        .status,
    ).toBe(404);
    expect((await watch("chan-2")).status).toBe(400);
  });

  it("holds notifications until flushed when asked", async () => {
    received.splice(0);
    await watch("chan-3");
    await g.fake.control.setOptions({ notificationMode: "held" });
    await g.fake.control.mutate({ calendarId: CALENDAR, action: "insert", event: timed(4) });
    expect(received).toHaveLength(1);
    const log = await g.fake.control.flushNotifications();
    expect(received).toHaveLength(2);
    expect(log.map((n) => [n.resourceState, n.status])).toEqual([
      ["sync", 200],
      ["exists", 200],
    ]);
  });
  it("drops notifications when asked, leaving a gap in message numbers", async () => {
    received.splice(0);
    await watch("chan-4");
    await g.fake.control.setOptions({ dropNotifications: 1 });
    await g.fake.control.mutate({ calendarId: CALENDAR, action: "insert", event: timed(5) });
    await g.fake.control.mutate({ calendarId: CALENDAR, action: "insert", event: timed(6) });
    await g.fake.control.flushNotifications();
    expect(received.map((r) => r.headers["x-goog-resource-state"])).toEqual(["sync", "exists"]);
    expect(Number(received[1]?.headers["x-goog-message-number"])).toBeGreaterThan(2);
  });
});

describe("Google fake fault injection and request log", () => {
  it("fails the next N matching requests with Google's error bodies, then recovers", async () => {
    const path = `/calendar/v3/calendars/${encodeURIComponent(CALENDAR)}/events`;
    const cases: Array<[number, string]> = [
      [403, "rateLimitExceeded"],
      [429, "rateLimitExceeded"],
      [500, "backendError"],
      [401, "authError"],
    ];
    for (const [status, reason] of cases) {
      await g.fake.control.addFault({ method: "GET", path: "/events", status, count: 2, retryAfterSeconds: 1 });
      for (let i = 0; i < 2; i++) {
        const response = await g.api(path);
        expect(response.status).toBe(status);
        expect(
          ((await response.json()) as { error: { errors: Array<{ reason: string }> } }).error.errors[0]?.reason,
        ).toBe(reason);
        expect(response.headers.get("retry-after")).toBe("1");
      }
      expect((await g.api(path)).status).toBe(200);
    }
    await g.fake.control.addFault({ path: "/events", latencyMs: 20, count: 1 });
    expect((await g.api(path)).status).toBe(200);
    const log = await g.fake.control.requests();
    expect(log.counts[`GET ${path}`]).toBe(13);
    expect(log.requests.filter((r) => r.status === 429)).toHaveLength(2);
  });
});
