import { createServer } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { AuthRevoked } from "../../../lib/providers/errors.ts";
import { buildGoogleAuthUrl, exchangeGoogleCode } from "../../../lib/providers/google.ts";
import {
  CALENDAR_ID,
  CLIENT_ID,
  googleFixture,
  setupGoogleProvider,
} from "../../fakes/google/setup-google-provider.ts";

const g = setupGoogleProvider();
const calendar = { remoteId: CALENDAR_ID };
const REDIRECT = "http://127.0.0.1:3000/api/v1/connections/google/callback";

const hooks: IncomingHttpHeaders[] = [];
const hookServer = createServer((req, res) => {
  hooks.push(req.headers);
  res.writeHead(200).end();
});
const hookUrl = new Promise<string>((resolve) =>
  hookServer.listen(0, "127.0.0.1", () =>
    resolve(`http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/api/webhooks/google`),
  ),
);
afterAll(() => new Promise<void>((resolve) => hookServer.close(() => resolve())));

describe("Google connect flow helpers", () => {
  it("builds an offline consent URL and exchanges the code for credentials and the account email", async () => {
    const url = new URL(
      buildGoogleAuthUrl({ clientId: CLIENT_ID, redirectUri: REDIRECT, state: "st4te", oauthUrl: g.fake.url }),
    );
    expect(url.origin + url.pathname).toBe(`${g.fake.url}/o/oauth2/v2/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      access_type: "offline",
      prompt: "consent",
      state: "st4te",
      response_type: "code",
    });
    expect(url.searchParams.get("scope")?.split(" ")).toEqual([
      "https://www.googleapis.com/auth/calendar.events",
      "https://www.googleapis.com/auth/calendar.readonly",
      "openid",
      "email",
    ]);
    await g.fake.control.setOptions({ consentAccount: "ana@example.org" });
    const consent = await fetch(url, { redirect: "manual" });
    const callback = new URL(consent.headers.get("location") ?? "");
    expect(callback.searchParams.get("state")).toBe("st4te");
    const code = callback.searchParams.get("code") ?? "";
    const result = await exchangeGoogleCode({
      code,
      clientId: CLIENT_ID,
      clientSecret: "s",
      redirectUri: REDIRECT,
      oauthUrl: g.fake.url,
    });
    expect(result.email).toBe("ana@example.org");
    expect(result.credentials).toMatchObject({
      kind: "oauth",
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    });
    expect(result.credentials.expiryDate).toBeGreaterThan(Date.now());
    await expect(
      exchangeGoogleCode({ code, clientId: CLIENT_ID, clientSecret: "s", redirectUri: REDIRECT, oauthUrl: g.fake.url }),
    ).rejects.toBeInstanceOf(AuthRevoked);
  });
});

describe("Google adapter push channels", () => {
  it("watches a calendar and stops the channel", async () => {
    hooks.splice(0);
    const address = await hookUrl;
    const channel = await g.provider.watch({ calendar, channelId: "c0ffee-1", token: "per-channel-secret", address });
    expect(channel.resourceId).toEqual(expect.any(String));
    expect(channel.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(hooks[0]).toMatchObject({ "x-goog-resource-state": "sync", "x-goog-channel-token": "per-channel-secret" });
    await g.fake.control.mutate({ calendarId: CALENDAR_ID, action: "insert", event: googleFixture("rich-event") });
    await g.fake.control.flushNotifications();
    expect(hooks.map((h) => h["x-goog-resource-state"])).toEqual(["sync", "exists"]);
    await g.provider.unwatch({ channelId: "c0ffee-1", resourceId: channel.resourceId });
    await g.provider.unwatch({ channelId: "c0ffee-1", resourceId: channel.resourceId });
    expect((await g.fake.control.channels())[0]?.isStopped).toBe(true);
  });
});

describe("Google to iCalendar conversion", () => {
  it("writes all-day series as DATE values", async () => {
    const [rent] = await g.fake.control.seedEvents(CALENDAR_ID, [googleFixture("all-day-monthly")]);
    await g.fake.control.mutate({ calendarId: CALENDAR_ID, action: "delete", eventId: `${rent?.id}_20260301` });
    const result = await g.provider.pull({ calendar, cursor: null });
    const change = result.changes[0];
    const ical = change?.type === "upsert" ? change.ical : "";
    expect(ical).toContain("DTSTART;VALUE=DATE:20260101");
    expect(ical).toContain("DTEND;VALUE=DATE:20260102");
    expect(ical).toContain("RRULE:FREQ=MONTHLY;UNTIL=20261231");
    expect(ical).toContain("EXDATE;VALUE=DATE:20260301");
    expect(ical).toContain(`UID:${rent?.iCalUID}`);
  });
});
