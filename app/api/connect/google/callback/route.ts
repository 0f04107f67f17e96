import { findUser } from "@/lib/auth/require-user.ts";
import { connectGoogleAccount } from "@/lib/google-connection/connect-google-account.ts";
import { googleAppConfig } from "@/lib/config/google-app-config.ts";
import { checkOAuthState, OAUTH_NONCE_COOKIE } from "@/lib/google-connection/oauth-state.ts";
import { readCookie } from "@/lib/http/read-cookie.ts";
import { nonceCookie } from "@/lib/google-connection/nonce-cookie.ts";
import { redirectResponse } from "@/lib/http/redirect-response.ts";
import { routes } from "@/lib/http/route.ts";
import { AuthRevoked } from "@/lib/providers/errors.ts";

/**
 * GET /api/connect/google/callback: Google sends the person back here with `code` and `state`
 * (or `error`). The state must be ours, unexpired, for this signed-in user and match the nonce
 * cookie; then the account is connected and the person lands on /settings/accounts.
 */
export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: async (request) => {
    const user = await findUser(request);
    if (!user) return redirectResponse({ request, to: "/signin?callbackUrl=%2Fsettings%2Faccounts" });
    const config = googleAppConfig({ fallbackAppUrl: new URL(request.url).origin });
    const clearNonce = nonceCookie({
      name: OAUTH_NONCE_COOKIE,
      value: "",
      maxAgeSeconds: 0,
      secure: Boolean(config?.appUrl.startsWith("https://")),
    });
    const back = (query: string) =>
      redirectResponse({ request, to: `/settings/accounts?${query}`, cookies: [clearNonce] });
    if (!config) return back("error=google_not_configured");

    const query = new URL(request.url).searchParams;
    const googleError = query.get("error");
    // Google's own codes (access_denied, ...) are shown as they are; anything odd is not echoed.
    if (googleError) return back(`error=${/^[a-z_]{1,40}$/.test(googleError) ? googleError : "consent_failed"}`);
    const state = query.get("state");
    const code = query.get("code");
    if (!state || !code) return back("error=invalid_state");
    const problem = checkOAuthState({ state, userId: user.userId, nonce: readCookie(request, OAUTH_NONCE_COOKIE) });
    if (problem) return back("error=invalid_state");

    try {
      await connectGoogleAccount({ userId: user.userId, code, config });
    } catch (error) {
      // The error's name only: messages of token endpoints can echo request details.
      console.warn(`Google connection failed: ${(error as Error).name}`);
      return back(error instanceof AuthRevoked ? "error=google_refused" : "error=google_unavailable");
    }
    return back("connected=google");
  },
});
