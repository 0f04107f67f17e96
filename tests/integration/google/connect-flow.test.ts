/**
 * The Google consent flow through the real route handlers and the real googleapis client,
 * against the Google fake: connect -> consent at "Google" -> callback -> stored connection,
 * calendars, push channels and queued initial sync; forged, expired and foreign states refused.
 */
import { describe, expect, it } from "vitest";
import * as connectRoute from "../../../app/api/connect/google/route.ts";
import { db } from "../../../lib/db/client.ts";
import { createOAuthState } from "../../../lib/google-connection/oauth-state.ts";
import { createUserWithToken } from "../../helpers/api.ts";
import {
  CLIENT_ID,
  connectGoogle,
  consentAtGoogle,
  finishConsent,
  PRIMARY,
  setupGoogleIntegration,
  SHARED,
  startConsent,
} from "./google-harness.ts";

const h = setupGoogleIntegration();

describe("Google connect flow", () => {
  it("sends a signed-in user to consent with offline access, consent prompt, calendar scopes and a bound state", async () => {
    const { token } = await createUserWithToken("consent");
    const { location, cookie } = await startConsent({ token });
    const url = new URL(location);
    expect(url.origin + url.pathname).toBe(`${h.fake.url}/o/oauth2/v2/auth`);
    expect(url.searchParams.get("access_type")).toBe("offline");
    expect(url.searchParams.get("prompt")).toBe("consent");
    expect(url.searchParams.get("client_id")).toBe(CLIENT_ID);
    expect(url.searchParams.get("redirect_uri")).toBe(`${h.appUrl}/api/connect/google/callback`);
    expect(url.searchParams.get("scope")).toContain("https://www.googleapis.com/auth/calendar.events");
    expect(url.searchParams.get("state")).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(cookie).toMatch(/^concord_google_oauth=[\w-]+$/);
  });

  it("connects: connection with encrypted credentials, calendars with read-only marked, channels, initial sync", async () => {
    const { token, userId } = await createUserWithToken("connect");
    const result = await connectGoogle({ token });
    expect(result.status).toBe(302);
    expect(result.location).toBe(`${h.appUrl}/settings/accounts?connected=google`);

    const connection = await db().connection.findFirstOrThrow({ where: { userId } });
    expect(connection).toMatchObject({ provider: "GOOGLE", accountName: PRIMARY, status: "ACTIVE", serverUrl: null });
    const grants = await h.fake.control.requests();
    expect(grants.counts["POST /token"]).toBe(1);
    // At rest the credentials are a lib/crypto envelope, never the tokens themselves.
    expect(connection.credentials).not.toMatch(/refresh|access|ya29|1\/\//i);

    const calendars = await db().calendar.findMany({
      where: { connectionId: connection.id },
      orderBy: { remoteId: "asc" },
    });
    expect(calendars.map((c) => [c.remoteId, c.remoteName, c.readOnly])).toEqual([
      [SHARED, "Team", true],
      [PRIMARY, "Me", false],
    ]);

    const channels = await db().watchChannel.findMany({ where: { userId } });
    expect(channels).toHaveLength(2);
    const atFake = await h.fake.control.channels();
    for (const channel of channels) {
      const remote = atFake.find((c) => c.id === channel.channelId);
      expect(remote).toMatchObject({ address: `${h.appUrl}/api/webhooks/google`, isStopped: false });
      expect(channel.resourceId).toBe(remote?.resourceId);
      expect(channel.expiresAt.getTime()).toBe(remote?.expiration);
      // The token is stored encrypted, and differs per channel.
      expect(channel.token).not.toContain(remote?.token ?? "-");
    }
    expect(new Set(atFake.map((c) => c.token)).size).toBe(2);
    // Google's first `sync` message came before watch returned and was accepted, not refused.
    const syncs = h.deliveries.filter((d) => d.resourceState === "sync");
    expect(syncs.map((d) => d.status)).toEqual([200, 200]);

    expect(h.queued).toEqual([{ name: "concord/connection.initial-sync", data: { connectionId: connection.id } }]);
  });

  it("reconnecting the same Google account updates the connection instead of adding one", async () => {
    const { token, userId } = await createUserWithToken("reconnect");
    await connectGoogle({ token });
    const first = await db().connection.findFirstOrThrow({ where: { userId } });
    await db().connection.update({ where: { id: first.id }, data: { status: "NEEDS_REAUTH", lastError: "revoked" } });
    const again = await connectGoogle({ token });
    expect(again.location).toContain("connected=google");
    const connections = await db().connection.findMany({ where: { userId } });
    expect(connections).toHaveLength(1);
    expect(connections[0]).toMatchObject({ id: first.id, status: "ACTIVE", lastError: null });
    expect(connections[0]?.credentials).not.toBe(first.credentials);
    expect(await db().calendar.count({ where: { connectionId: first.id } })).toBe(2);
    // Calendars that still had live channels keep them: no second channel per calendar.
    expect(await db().watchChannel.count({ where: { userId, stoppedAt: null } })).toBe(2);
  });

  it("refuses a forged, expired, foreign or cookie-less state and stores nothing", async () => {
    const { token, userId } = await createUserWithToken("forged");
    const other = await createUserWithToken("other");

    const consent = await startConsent({ token });
    const callbackUrl = new URL(await consentAtGoogle(consent.location));
    const state = callbackUrl.searchParams.get("state") as string;

    const forged = new URL(callbackUrl);
    forged.searchParams.set("state", `${state.split(".")[0]}.${"A".repeat(43)}`);
    const expired = await consentAtGoogle(
      consent.location.replace(
        encodeURIComponent(state),
        encodeURIComponent(createOAuthState({ userId, now: new Date(Date.now() - 11 * 60_000) }).state),
      ),
    );
    const attempts = [
      finishConsent({ callbackUrl: forged.toString(), token, cookie: consent.cookie }),
      finishConsent({ callbackUrl: expired, token, cookie: consent.cookie }),
      // The state of one user, completed in another user's session.
      finishConsent({ callbackUrl: callbackUrl.toString(), token: other.token, cookie: consent.cookie }),
      // Without the browser's nonce cookie (a link sent to the victim).
      finishConsent({ callbackUrl: callbackUrl.toString(), token }),
    ];
    for (const result of await Promise.all(attempts)) {
      expect(result).toEqual({ status: 302, location: `${h.appUrl}/settings/accounts?error=invalid_state` });
    }
    expect(await db().connection.count({ where: { userId: { in: [userId, other.userId] } } })).toBe(0);
    expect((await h.fake.control.requests()).counts["POST /token"]).toBeUndefined();

    // The untouched original still works afterwards.
    const ok = await finishConsent({ callbackUrl: callbackUrl.toString(), token, cookie: consent.cookie });
    expect(ok.location).toContain("connected=google");
  });

  it("passes Google's refusal on, and says when Google is not configured or the person is signed out", async () => {
    const { token } = await createUserWithToken("denied");
    const denied = await finishConsent({
      callbackUrl: `${h.appUrl}/api/connect/google/callback?error=access_denied&state=x`,
      token,
    });
    expect(denied.location).toBe(`${h.appUrl}/settings/accounts?error=access_denied`);

    const signedOut = await connectRoute.GET(new Request("http://localhost/api/connect/google"), {
      params: Promise.resolve({}),
    });
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toBe(`${h.appUrl}/signin?callbackUrl=%2Fsettings%2Faccounts`);

    const saved = process.env.GOOGLE_CLIENT_SECRET;
    delete process.env.GOOGLE_CLIENT_SECRET;
    try {
      const response = await connectRoute.GET(
        new Request("http://localhost/api/connect/google", { headers: { authorization: `Bearer ${token}` } }),
        { params: Promise.resolve({}) },
      );
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(`${h.appUrl}/settings/accounts?error=google_not_configured`);
    } finally {
      process.env.GOOGLE_CLIENT_SECRET = saved;
    }
  });
});
