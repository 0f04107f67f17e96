import { withAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { pageContentSecurityPolicy, securityHeaders } from "./lib/http/security-headers.ts";

/**
 * Sends signed-out visitors of the app's pages to /signin. API routes are left out: they answer
 * 401 JSON themselves, and Bearer-token clients have no session cookie.
 */
const requireSignIn = withAuth({
  pages: { signIn: "/signin" },
  secret: process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET,
});

const signedInPages = [/^\/$/, /^\/settings(\/|$)/, /^\/conflicts(\/|$)/];

/**
 * Every page: a fresh script nonce in its Content-Security-Policy (Next reads it from the
 * request's CSP header and puts it on its scripts, see Next's CSP guide; the root layout renders
 * every page per request so the nonce can be there), the other security headers, and the
 * sign-in requirement for the app's own pages.
 */
export default async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const headers = securityHeaders({
    contentSecurityPolicy: pageContentSecurityPolicy({
      nonce,
      appUrl: process.env.APP_URL,
      isDev: process.env.NODE_ENV === "development",
    }),
    appUrl: process.env.APP_URL,
  });
  let response: Response | undefined;
  if (signedInPages.some((page) => page.test(request.nextUrl.pathname))) {
    response = (await requireSignIn(request as never, event)) ?? undefined;
  }
  if (!response) {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"] as string);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // API routes set their own headers (lib/http/route.ts) and must not pass through here: a proxy
  // buffers request bodies (proxyClientMaxBodySize), which would defeat the API's body limit.
  // Prefetches need no policy of their own (Next's CSP guide).
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
