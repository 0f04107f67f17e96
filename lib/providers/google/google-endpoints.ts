/**
 * Where the Google client sends requests. Both default to Google; GOOGLE_API_ROOT_URL and
 * GOOGLE_OAUTH_URL (or the factory's params) point them at a local fake, which serves
 * `/calendar/v3/...`, `/token`, `/revoke`, `/o/oauth2/v2/auth` and `/v1/userinfo` on one origin.
 */
export interface GoogleEndpoints {
  /** API root with a trailing slash; googleapis keeps the `/calendar/v3/` path under it. */
  apiRootUrl: string;
  /** Overrides for OAuth2Client `endpoints`; undefined = google-auth-library's own defaults. */
  oauth?: { oauth2AuthBaseUrl: string; oauth2TokenUrl: string; oauth2RevokeUrl: string };
  userinfoUrl: string;
}

export function resolveGoogleEndpoints(params: { apiRootUrl?: string; oauthUrl?: string } = {}): GoogleEndpoints {
  const apiRoot = params.apiRootUrl ?? process.env.GOOGLE_API_ROOT_URL ?? "https://www.googleapis.com/";
  const oauthBase = (params.oauthUrl ?? process.env.GOOGLE_OAUTH_URL)?.replace(/\/$/, "");
  return {
    apiRootUrl: apiRoot.endsWith("/") ? apiRoot : `${apiRoot}/`,
    oauth: oauthBase
      ? {
          oauth2AuthBaseUrl: `${oauthBase}/o/oauth2/v2/auth`,
          oauth2TokenUrl: `${oauthBase}/token`,
          oauth2RevokeUrl: `${oauthBase}/revoke`,
        }
      : undefined,
    userinfoUrl: oauthBase ? `${oauthBase}/v1/userinfo` : "https://openidconnect.googleapis.com/v1/userinfo",
  };
}
