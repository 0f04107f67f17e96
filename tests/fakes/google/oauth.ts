import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { GoogleHttpError, sendEmpty, sendJson } from "./http-utils.ts";
import { DEFAULT_ACCOUNT } from "./store.ts";

interface Grant {
  email: string;
  clientId: string;
  scope: string;
  refreshToken: string | null;
  /** Revoked by the user or the revoke endpoint, or expired (Testing apps: 7 days). */
  isDead: boolean;
}

interface AccessToken {
  grant: Grant;
  expiresAt: number;
}

interface PendingCode {
  grant: Grant;
  redirectUri: string;
  issuesRefreshToken: boolean;
}

export interface OAuthState {
  grants: Grant[];
  accessTokens: Map<string, AccessToken>;
  codes: Map<string, PendingCode>;
  /** `clientId|email` pairs that already consented once. */
  consented: Set<string>;
  settings: { accessTokenTtlSeconds: number; consentAccount: string };
}

export function createOAuthState(): OAuthState {
  return {
    grants: [],
    accessTokens: new Map(),
    codes: new Map(),
    consented: new Set(),
    settings: { accessTokenTtlSeconds: 3599, consentAccount: DEFAULT_ACCOUNT },
  };
}

export function resetOAuthState(state: OAuthState): void {
  Object.assign(state, createOAuthState());
}

function token(prefix: string): string {
  return `${prefix}${randomBytes(24).toString("base64url")}`;
}

function issueAccessToken(state: OAuthState, grant: Grant): { accessToken: string; expiresIn: number } {
  const accessToken = token("ya29.fake-");
  const expiresIn = state.settings.accessTokenTtlSeconds;
  state.accessTokens.set(accessToken, { grant, expiresAt: Date.now() + expiresIn * 1000 });
  return { accessToken, expiresIn };
}

/** Creates a grant directly (what a completed consent would give), for tests. */
export function createGrant(state: OAuthState, params: { email?: string; clientId?: string; scope?: string }) {
  const grant: Grant = {
    email: params.email ?? DEFAULT_ACCOUNT,
    clientId: params.clientId ?? "concord-test-client",
    scope:
      params.scope ??
      "https://www.googleapis.com/auth/calendar.events https://www.googleapis.com/auth/calendar.readonly openid email",
    refreshToken: token("1//fake-"),
    isDead: false,
  };
  state.grants.push(grant);
  const { accessToken, expiresIn } = issueAccessToken(state, grant);
  return {
    accessToken,
    refreshToken: grant.refreshToken,
    expiresIn,
    expiryDate: Date.now() + expiresIn * 1000,
    email: grant.email,
  };
}

/** Kills grants (revocation or forced expiry): refresh answers invalid_grant, access tokens 401. */
export function killGrants(state: OAuthState, params: { email?: string; refreshToken?: string }): number {
  let count = 0;
  for (const grant of state.grants) {
    if (params.refreshToken && grant.refreshToken !== params.refreshToken) continue;
    if (params.email && grant.email !== params.email) continue;
    grant.isDead = true;
    count += 1;
  }
  return count;
}

export function expireAccessTokens(state: OAuthState): void {
  for (const entry of state.accessTokens.values()) entry.expiresAt = 0;
}

/** The account behind `Authorization: Bearer`, else 401 authError (Calendar errors guide). */
export function authenticate(state: OAuthState, req: IncomingMessage): string {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer (.+)$/.exec(header);
  const entry = match?.[1] ? state.accessTokens.get(match[1]) : undefined;
  if (!entry || entry.grant.isDead || entry.expiresAt <= Date.now()) {
    throw new GoogleHttpError({
      status: 401,
      reason: "authError",
      message:
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
      headers: { "www-authenticate": 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
    });
  }
  return entry.grant.email;
}

function oauthError(res: ServerResponse, status: number, error: string, description: string): void {
  sendJson(res, status, { error, error_description: description });
}

/** GET /o/oauth2/v2/auth: consents at once as `consentAccount` and redirects with code + state. */
export function handleAuthorize(state: OAuthState, url: URL, res: ServerResponse): void {
  const q = url.searchParams;
  const clientId = q.get("client_id");
  const redirectUri = q.get("redirect_uri");
  if (!clientId || !redirectUri || q.get("response_type") !== "code") {
    res.writeHead(400, { "content-type": "text/plain" });
    res.end("Error 400: invalid_request");
    return;
  }
  const email = q.get("login_hint") ?? state.settings.consentAccount;
  const key = `${clientId}|${email}`;
  // A refresh token comes only with offline access, and only at first consent unless prompt=consent.
  const issuesRefreshToken =
    q.get("access_type") === "offline" &&
    ((q.get("prompt") ?? "").split(" ").includes("consent") || !state.consented.has(key));
  state.consented.add(key);
  const grant: Grant = { email, clientId, scope: q.get("scope") ?? "", refreshToken: null, isDead: false };
  const code = token("4/fake-");
  state.codes.set(code, { grant, redirectUri, issuesRefreshToken });
  const target = new URL(redirectUri);
  target.searchParams.set("code", code);
  const stateParam = q.get("state");
  if (stateParam !== null) target.searchParams.set("state", stateParam);
  target.searchParams.set("scope", grant.scope);
  sendEmpty(res, 302, { location: target.toString() });
}

/** POST /token: authorization_code and refresh_token grants. */
export function handleToken(state: OAuthState, form: Record<string, unknown>, res: ServerResponse): void {
  if (!form.client_id || !form.client_secret)
    return oauthError(res, 401, "invalid_client", "The OAuth client was not found.");
  if (form.grant_type === "authorization_code") {
    const pending = state.codes.get(String(form.code));
    state.codes.delete(String(form.code));
    if (!pending || pending.redirectUri !== form.redirect_uri || pending.grant.clientId !== form.client_id) {
      return oauthError(res, 400, "invalid_grant", "Malformed auth code.");
    }
    const grant = pending.grant;
    if (pending.issuesRefreshToken) grant.refreshToken = token("1//fake-");
    state.grants.push(grant);
    const { accessToken, expiresIn } = issueAccessToken(state, grant);
    const body: Record<string, unknown> = {
      access_token: accessToken,
      expires_in: expiresIn,
      token_type: "Bearer",
      scope: grant.scope,
    };
    if (pending.issuesRefreshToken) body.refresh_token = grant.refreshToken;
    return sendJson(res, 200, body);
  }
  if (form.grant_type === "refresh_token") {
    const grant = state.grants.find((g) => g.refreshToken !== null && g.refreshToken === form.refresh_token);
    if (!grant || grant.isDead || grant.clientId !== form.client_id) {
      return oauthError(res, 400, "invalid_grant", "Token has been expired or revoked.");
    }
    const { accessToken, expiresIn } = issueAccessToken(state, grant);
    return sendJson(res, 200, {
      access_token: accessToken,
      expires_in: expiresIn,
      token_type: "Bearer",
      scope: grant.scope,
    });
  }
  oauthError(res, 400, "unsupported_grant_type", "Invalid grant_type.");
}

/** POST /revoke?token=...: revokes the whole grant behind an access or refresh token. */
export function handleRevoke(state: OAuthState, tokenValue: string | undefined, res: ServerResponse): void {
  const grant =
    state.grants.find((g) => g.refreshToken === tokenValue) ??
    (tokenValue ? state.accessTokens.get(tokenValue)?.grant : undefined);
  if (!grant || grant.isDead) return oauthError(res, 400, "invalid_token", "Token expired or revoked");
  grant.isDead = true;
  sendJson(res, 200, {});
}

/** GET /v1/userinfo (OpenID Connect): the account's email. */
export function handleUserinfo(state: OAuthState, req: IncomingMessage, res: ServerResponse): void {
  const email = authenticate(state, req);
  sendJson(res, 200, { sub: `sub-${Buffer.from(email).toString("hex").slice(0, 20)}`, email, email_verified: true });
}
