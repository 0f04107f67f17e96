import { AppError } from "../errors/app-error.ts";
import { googleLinkIntentCookie } from "./google-link-intent.ts";
import { requireUser } from "./require-user.ts";

/**
 * POST /api/v1/account/google-sign-in: the signed-in person asks to link Google sign-in.
 * Needs the browser session (the link completes in that browser); answers the cookie to set.
 */
export async function startGoogleLink(params: { request: Request }): Promise<{ setCookie: string }> {
  const authed = await requireUser(params.request);
  if (authed.via !== "session") {
    throw new AppError("session_required", "Linking Google sign-in is done signed in, in the browser.", {
      status: 403,
    });
  }
  return { setCookie: googleLinkIntentCookie({ userId: authed.userId }) };
}
