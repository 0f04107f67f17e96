import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GoogleProvider from "next-auth/providers/google";
import { authSecret } from "../config/generated-secrets.ts";
import { db } from "../db/client.ts";
import { AppError } from "../errors/app-error.ts";
import { normaliseEmail } from "./create-user.ts";
import { sameOriginPath } from "./same-origin-path.ts";
import { verifyCredentials } from "./verify-credentials.ts";

export function isGoogleSignInConfigured(): boolean {
  return Boolean(process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET);
}

/** Finds or creates the Concord user behind a Google sign-in (matched by verified email). */
async function userIdForGoogleSignIn(email: string, name: string | null | undefined): Promise<string> {
  const address = normaliseEmail(email);
  const user = await db().user.upsert({
    where: { email: address },
    update: {},
    create: { email: address, name: name ?? null },
    select: { id: true },
  });
  return user.id;
}

/** next-auth configuration: email + password, plus Google when GOOGLE_CLIENT_ID/SECRET are set; JWT sessions. */
export function authOptions(): NextAuthOptions {
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
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
      GoogleProvider({
        clientId: process.env.GOOGLE_CLIENT_ID as string,
        clientSecret: process.env.GOOGLE_CLIENT_SECRET as string,
      }),
    );
  }
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    pages: { signIn: "/signin" },
    providers,
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== "google") return true;
        return Boolean((profile as { email_verified?: boolean } | undefined)?.email_verified && profile?.email);
      },
      async jwt({ token, user, account, profile }) {
        if (account?.provider === "google" && profile?.email) {
          token.sub = await userIdForGoogleSignIn(profile.email, profile.name);
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
