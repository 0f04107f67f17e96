import { OAuth2Client } from "google-auth-library";
import { ProviderError } from "../errors.ts";
import type { ConnectionCredentials } from "../types.ts";
import { classifyGoogleError } from "./classify-google-error.ts";
import { resolveGoogleEndpoints } from "./google-endpoints.ts";
import { googleFetch, googleRequestBounds } from "./google-request-bounds.ts";

export type GoogleOAuthCredentials = Extract<ConnectionCredentials, { kind: "oauth" }>;

/**
 * Exchanges the consent callback's `code` for tokens and reads the account's email from the
 * OpenID userinfo endpoint. Throws AuthRevoked for a bad or reused code (`invalid_grant`).
 */
export async function exchangeGoogleCode(params: {
  code: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  oauthUrl?: string;
}): Promise<{ credentials: GoogleOAuthCredentials; email: string }> {
  const endpoints = resolveGoogleEndpoints({ oauthUrl: params.oauthUrl });
  const client = new OAuth2Client({
    clientId: params.clientId,
    clientSecret: params.clientSecret,
    redirectUri: params.redirectUri,
    endpoints: endpoints.oauth,
    transporterOptions: googleRequestBounds(),
  });
  let tokens;
  try {
    tokens = (await client.getToken(params.code)).tokens;
  } catch (error) {
    throw classifyGoogleError(error);
  }
  if (!tokens.access_token) throw new ProviderError("Google returned no access token");
  // Without a refresh token Concord could not sync once the hour-long access token expires.
  if (!tokens.refresh_token)
    throw new ProviderError("Google returned no refresh token; consent again with prompt=consent");
  const response = await googleFetch(endpoints.userinfoUrl, {
    headers: { authorization: `Bearer ${tokens.access_token}` },
  });
  if (!response.ok) throw new ProviderError(`Google userinfo answered ${response.status}`, response.status);
  const userinfo = (await response.json()) as { email?: string };
  if (!userinfo.email) throw new ProviderError("Google userinfo has no email; the email scope is missing");
  return {
    credentials: {
      kind: "oauth",
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiryDate: tokens.expiry_date ?? null,
      scope: tokens.scope ?? undefined,
    },
    email: userinfo.email,
  };
}
