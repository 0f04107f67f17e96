import { describe, expect, it } from "vitest";
import { setupGoogleFake } from "./fake-fixture.ts";

const g = setupGoogleFake();
const CLIENT = { client_id: "client-1", client_secret: "secret-1" };
const REDIRECT = "http://127.0.0.1:9/callback";

async function consent(query: Record<string, string>): Promise<URL> {
  const search = new URLSearchParams({
    client_id: CLIENT.client_id,
    redirect_uri: REDIRECT,
    response_type: "code",
    scope: "openid email",
    ...query,
  });
  const response = await fetch(`${g.fake.url}/o/oauth2/v2/auth?${search}`, { redirect: "manual" });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location") ?? "");
}

async function token(form: Record<string, string>) {
  const response = await fetch(`${g.fake.url}/token`, {
    method: "POST",
    body: new URLSearchParams({ ...CLIENT, ...form }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("Google fake OAuth", () => {
  it("redirects to redirect_uri with code and state, and exchanges the code once", async () => {
    const location = await consent({ state: "xyz", access_type: "offline", prompt: "consent" });
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get("state")).toBe("xyz");
    const code = location.searchParams.get("code") ?? "";
    const exchanged = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({ token_type: "Bearer", expires_in: 3599 });
    expect(exchanged.body.refresh_token).toEqual(expect.any(String));
    const again = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT });
    expect(again.body.error).toBe("invalid_grant");
  });

  it("gives a refresh token only at first consent unless prompt=consent", async () => {
    const first = await consent({ access_type: "offline", login_hint: "new@example.com" });
    const second = await consent({ access_type: "offline", login_hint: "new@example.com" });
    const forced = await consent({ access_type: "offline", prompt: "consent", login_hint: "new@example.com" });
    const online = await consent({ prompt: "consent", login_hint: "new@example.com" });
    const refreshOf = async (url: URL) =>
      (
        await token({
          grant_type: "authorization_code",
          code: url.searchParams.get("code") ?? "",
          redirect_uri: REDIRECT,
        })
      ).body.refresh_token;
    expect(await refreshOf(first)).toEqual(expect.any(String));
    expect(await refreshOf(second)).toBeUndefined();
    expect(await refreshOf(forced)).toEqual(expect.any(String));
    expect(await refreshOf(online)).toBeUndefined();
  });

  it("refreshes, then answers invalid_grant after revocation and after forced expiry", async () => {
    const grant = await g.fake.control.createGrant({ clientId: CLIENT.client_id });
    const refreshed = await token({ grant_type: "refresh_token", refresh_token: grant.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.expires_in).toBe(3599);
    expect(refreshed.body.refresh_token).toBeUndefined();

    const revoke = await fetch(`${g.fake.url}/revoke?token=${encodeURIComponent(grant.refreshToken)}`, {
      method: "POST",
    });
    expect(revoke.status).toBe(200);
    const afterRevoke = await token({ grant_type: "refresh_token", refresh_token: grant.refreshToken });
    expect(afterRevoke.status).toBe(400);
    expect(afterRevoke.body).toEqual({
      error: "invalid_grant",
      error_description: "Token has been expired or revoked.",
    });

    const other = await g.fake.control.createGrant({ clientId: CLIENT.client_id });
    await g.fake.control.expireGrants({ refreshToken: other.refreshToken });
    expect((await token({ grant_type: "refresh_token", refresh_token: other.refreshToken })).body.error).toBe(
      "invalid_grant",
    );
  });

  it("checks Bearer tokens on API routes: missing, expired and revoked answer 401", async () => {
    const path = "/calendar/v3/users/me/calendarList";
    expect((await g.api(path)).status).toBe(200);
    expect((await fetch(`${g.fake.url}${path}`)).status).toBe(401);
    await g.fake.control.expireAccessTokens();
    const expired = await g.api(path);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { errors: Array<{ reason: string }> } }).error.errors[0]?.reason).toBe(
      "authError",
    );
    const grant = await g.fake.control.createGrant({});
    await g.fake.control.revokeGrants({ refreshToken: grant.refreshToken });
    expect((await g.api(path, { headers: { authorization: `Bearer ${grant.accessToken}` } })).status).toBe(401);
  });

  it("serves userinfo with the account email", async () => {
    const response = await g.api("/v1/userinfo");
    expect(await response.json()).toMatchObject({ email: "user@example.com", email_verified: true });
  });
});
