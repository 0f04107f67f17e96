import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options.ts";
import { clearGoogleLinkIntentCookie, GOOGLE_LINK_COOKIE } from "@/lib/auth/google-link-intent.ts";
import { limitCredentialsSignIn } from "@/lib/auth/limit-credentials-sign-in.ts";
import { errorResponse } from "@/lib/http/error-response.ts";
import { readBodyText } from "@/lib/http/read-body-text.ts";

/**
 * next-auth's routes. Its POST forms are read here first under the API's body limit (next-auth
 * itself reads whatever arrives), then handed on as an equal request; password sign-ins are
 * counted per client first, so a flood answers 429.
 */
const handler = async (request: NextRequest, context: unknown) => {
  let limited = request;
  if (request.method === "POST") {
    try {
      const body = await readBodyText(request);
      limited = new NextRequest(request.url, { method: "POST", headers: request.headers, body });
    } catch (error) {
      return errorResponse(error);
    }
  }
  const refused = await limitCredentialsSignIn(limited);
  if (refused) return refused;
  const response: Response = await NextAuth(limited as never, context as never, authOptions({ request: limited }));
  // A link request is used up by the Google callback it was made for, whatever its outcome.
  if (request.headers.get("cookie")?.includes(`${GOOGLE_LINK_COOKIE}=`) && request.url.includes("/callback/google")) {
    response.headers.append("Set-Cookie", clearGoogleLinkIntentCookie());
  }
  return response;
};

export { handler as GET, handler as POST };
