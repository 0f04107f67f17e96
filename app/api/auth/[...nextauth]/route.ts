import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options.ts";
import { clearGoogleLinkIntentCookie, GOOGLE_LINK_COOKIE } from "@/lib/auth/google-link-intent.ts";
import { limitCredentialsSignIn } from "@/lib/auth/limit-credentials-sign-in.ts";

const handler = async (request: Request, context: unknown) => {
  const refused = await limitCredentialsSignIn(request);
  if (refused) return refused;
  const response: Response = await NextAuth(request as never, context as never, authOptions({ request }));
  // A link request is used up by the Google callback it was made for, whatever its outcome.
  if (request.headers.get("cookie")?.includes(`${GOOGLE_LINK_COOKIE}=`) && request.url.includes("/callback/google")) {
    response.headers.append("Set-Cookie", clearGoogleLinkIntentCookie());
  }
  return response;
};

export { handler as GET, handler as POST };
