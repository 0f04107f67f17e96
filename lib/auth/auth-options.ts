import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authSecret } from "../config/generated-secrets.ts";
import { AppError } from "../errors/app-error.ts";
import { readCookie } from "../http/read-cookie.ts";
import { GOOGLE_LINK_COOKIE, readGoogleLinkIntent } from "./google-link-intent.ts";
import { googleSignInProvider } from "./google-sign-in-provider.ts";
import { findUser } from "./require-user.ts";
import { resolveGoogleSignIn, userIdForGoogleIdentity } from "./resolve-google-sign-in.ts";
import { sameOriginPath } from "./same-origin-path.ts";
import { verifyCredentials } from "./verify-credentials.ts";

export function isGoogleSignInConfigured(): boolean {
  return Boolean(process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET);
}

/** The signed-in user who asked to link Google sign-in on this request (cookie + session agree), or null. */
async function linkingUserId(request: Request | undefined): Promise<string | null> {
  if (!request) return null;
  const intended = readGoogleLinkIntent(readCookie(request, GOOGLE_LINK_COOKIE) ?? undefined);
  if (!intended) return null;
  const signedIn = await findUser(request);
  return signedIn?.via === "session" && signedIn.userId === intended ? intended : null;
}

function signInPage(error: string): string {
  const base = (process.env.NEXTAUTH_URL || process.env.APP_URL || "").replace(/\/+$/, "");
  return `${base}/signin?error=${encodeURIComponent(error)}`;
}

/**
 * next-auth configuration: email + password, plus Google when GOOGLE_CLIENT_ID/SECRET are set;
 * JWT sessions. `request` (the /api/auth request being handled) lets a Google sign-in see
 * whether a signed-in person asked to link it.
 */
export function authOptions(params: { request?: Request } = {}): NextAuthOptions {
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      // The per-client limit is counted by the route (app/api/auth/[...nextauth]) so it can answer 429.
      async authorize(credentials) {
        if (!credentials?.email || !credentials.password) return null;
        try {
          const user = await verifyCredentials({ email: credentials.email, password: credentials.password });
          return { id: user.id, email: user.email, name: user.name };
        } catch (error) {
          // Wrong password -> null (next-auth shows "CredentialsSignin"); rate limit -> its message.
          if (error instanceof AppError && error.code === "rate_limited") throw new Error(error.message);
          return null;
        }
      },
    }),
  ];
  if (isGoogleSignInConfigured()) {
    providers.push(
      googleSignInProvider({
        clientId: process.env.GOOGLE_CLIENT_ID as string,
        clientSecret: process.env.GOOGLE_CLIENT_SECRET as string,
      }),
    );
  }
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== "google") return true;
        const outcome = await resolveGoogleSignIn({
          googleId: account.providerAccountId,
          email: profile?.email,
          emailVerified: (profile as { email_verified?: boolean } | undefined)?.email_verified === true,
          name: profile?.name,
          linkForUserId: await linkingUserId(params.request),
        });
        return "refused" in outcome ? signInPage(outcome.refused) : true;
      },
      async jwt({ token, user, account }) {
        if (account?.provider === "google") {
          token.sub = (await userIdForGoogleIdentity(account.providerAccountId)) ?? undefined;
        } else if (user?.id) {
          token.sub = user.id;
        }
        return token;
      },
      // next-auth's own check concatenates "/..." onto the base URL; parse instead, so only this
      // app's pages are ever a target after sign-in or sign-out (same rule as the sign-in page).
      async redirect({ url, baseUrl }) {
        return new URL(sameOriginPath(url, baseUrl), baseUrl).href;
      },
      async session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
