import { findUser } from "@/lib/auth/require-user.ts";
import { googleAppConfig } from "@/lib/config/google-app-config.ts";
import { createOAuthState, OAUTH_NONCE_COOKIE, OAUTH_STATE_TTL_MS } from "@/lib/google-connection/oauth-state.ts";
import { nonceCookie } from "@/lib/google-connection/nonce-cookie.ts";
import { redirectResponse } from "@/lib/http/redirect-response.ts";
import { routes } from "@/lib/http/route.ts";
import { buildGoogleAuthUrl } from "@/lib/providers/google.ts";

/**
 * GET /api/connect/google: sends the signed-in person to Google's consent screen (offline
 * access, consent prompt) with a signed, expiring `state` bound to them and a nonce cookie.
 */
export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: async (request) => {
    const user = await findUser(request);
    if (!user) return redirectResponse({ request, to: "/signin?callbackUrl=%2Fsettings%2Faccounts" });
    const config = googleAppConfig({ fallbackAppUrl: new URL(request.url).origin });
    if (!config) return redirectResponse({ request, to: "/settings/accounts?error=google_not_configured" });
    const { state, nonce } = createOAuthState({ userId: user.userId });
    const consentUrl = buildGoogleAuthUrl({ clientId: config.clientId, redirectUri: config.redirectUri, state });
    return redirectResponse({
      request,
      to: consentUrl,
      cookies: [
        nonceCookie({
          name: OAUTH_NONCE_COOKIE,
          value: nonce,
          maxAgeSeconds: OAUTH_STATE_TTL_MS / 1000,
          secure: config.appUrl.startsWith("https://"),
        }),
      ],
    });
  },
});
