import GoogleProvider from "next-auth/providers/google";

/**
 * next-auth's Google provider. With GOOGLE_OAUTH_URL set (tests, proxies) it talks to that
 * origin instead of Google's discovery document: authorization, token and OpenID userinfo
 * endpoints at the paths Google uses, and the profile read from userinfo (no signed id_token,
 * which a local fake cannot issue under Google's keys).
 */
export function googleSignInProvider(params: { clientId: string; clientSecret: string }) {
  const base = process.env.GOOGLE_OAUTH_URL?.replace(/\/+$/, "");
  if (!base) return GoogleProvider(params);
  return GoogleProvider({
    ...params,
    wellKnown: undefined,
    issuer: base,
    idToken: false,
    authorization: { url: `${base}/o/oauth2/v2/auth`, params: { scope: "openid email profile" } },
    token: { url: `${base}/token` },
    userinfo: { url: `${base}/v1/userinfo` },
    client: { token_endpoint_auth_method: "client_secret_post" },
  });
}
