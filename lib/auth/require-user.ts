import { getToken } from "next-auth/jwt";
import { AppError } from "../errors/app-error.ts";
import { authSecret } from "../config/generated-secrets.ts";
import { parseCookies } from "../http/parse-cookies.ts";
import { refuseCrossOriginRequest } from "../http/refuse-cross-origin.ts";
import { userIdForApiToken } from "./api-tokens.ts";

export interface AuthedUser {
  userId: string;
  /** How the request proved who it is; some actions (creating tokens) need a session. */
  via?: "token" | "session";
}

/**
 * The signed-in user of a request: `Authorization: Bearer <api token>` or the next-auth session
 * cookie. A change authenticated by the cookie must pass the CSRF rule (refuseCrossOriginRequest).
 */
export async function requireUser(request: Request): Promise<AuthedUser> {
  const user = await findUser(request);
  if (!user) throw new AppError("unauthorized", "Sign in or send a valid API token.");
  if (!request.headers.has("authorization")) refuseCrossOriginRequest(request);
  return user;
}

export async function findUser(request: Request): Promise<AuthedUser | null> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const userId = match ? await userIdForApiToken(match[1] as string) : null;
    // A bad Bearer token is a 401 even when a cookie is present: scripts must see their mistake.
    return userId ? { userId, via: "token" } : null;
  }
  const cookies = parseCookies(request);
  const jwt = await getToken({
    req: { headers: Object.fromEntries(request.headers), cookies } as never,
    secret: authSecret(),
  });
  const userId = typeof jwt?.sub === "string" ? jwt.sub : null;
  return userId ? { userId, via: "session" } : null;
}
