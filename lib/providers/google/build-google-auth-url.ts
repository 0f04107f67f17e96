import { OAuth2Client } from "google-auth-library";
import { resolveGoogleEndpoints } from "./google-endpoints.ts";
import { GOOGLE_SCOPES } from "./google-scopes.ts";

/**
 * The consent URL for connecting a Google account. `access_type=offline` asks for a refresh
 * token and `prompt=consent` makes Google issue one again on reconnect (it does so only at first
 * consent otherwise: google-auth-library GenerateAuthUrlOpts).
 */
export function buildGoogleAuthUrl(params: {
  clientId: string;
  redirectUri: string;
  state: string;
  oauthUrl?: string;
}): string {
  const endpoints = resolveGoogleEndpoints({ oauthUrl: params.oauthUrl });
  const client = new OAuth2Client({
    clientId: params.clientId,
    redirectUri: params.redirectUri,
    endpoints: endpoints.oauth,
  });
  return client.generateAuthUrl({
    access_type: "offline",
    prompt: "consent",
    scope: GOOGLE_SCOPES,
    state: params.state,
    include_granted_scopes: true,
  });
}
