/**
 * Who a Google sign-in signs in as. A Google identity (its stable `sub`) is tied to a Concord
 * user by a next-auth `Account` row, written only:
 * - when a signed-in person explicitly links Google sign-in to their account (`linkForUserId`,
 *   see lib/auth/google-link-intent.ts);
 * - when Google sign-in creates a new account (sign-up must be open);
 * - for an account without a password that an earlier Google sign-in created (it only ever had
 *   Google sign-in, so nobody else holds access to it).
 * Otherwise an existing account with the same email is refused, never joined: whoever registered
 * that email with a password first would keep access to the Google person's account.
 */
import { db } from "../db/client.ts";
import { normaliseEmail } from "./create-user.ts";
import { isSignUpOpen } from "./sign-up-policy.ts";

const PROVIDER = "google";

/** Codes the sign-in page explains (components/auth/sign-in-error.tsx). */
export type GoogleSignInRefusal =
  "GoogleEmailUnverified" | "GoogleAccountExists" | "GoogleLinkedElsewhere" | "SignupClosed";

export type GoogleSignInOutcome = { userId: string } | { refused: GoogleSignInRefusal };

export async function resolveGoogleSignIn(params: {
  googleId: string;
  email: string | null | undefined;
  emailVerified: boolean;
  name?: string | null;
  /** The signed-in user who asked to link Google sign-in, if any. */
  linkForUserId?: string | null;
}): Promise<GoogleSignInOutcome> {
  const key = { provider_providerAccountId: { provider: PROVIDER, providerAccountId: params.googleId } };
  const linked = await db().account.findUnique({ where: key, select: { userId: true } });
  if (linked) {
    if (params.linkForUserId && params.linkForUserId !== linked.userId) return { refused: "GoogleLinkedElsewhere" };
    return { userId: linked.userId };
  }
  const link = (userId: string) =>
    db().account.create({
      data: { userId, type: "oauth", provider: PROVIDER, providerAccountId: params.googleId },
    });
  if (params.linkForUserId) {
    await link(params.linkForUserId);
    return { userId: params.linkForUserId };
  }
  if (!params.email || !params.emailVerified) return { refused: "GoogleEmailUnverified" };
  const email = normaliseEmail(params.email);
  const existing = await db().user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, accounts: { where: { provider: PROVIDER }, select: { id: true } } },
  });
  if (existing) {
    if (existing.passwordHash !== null || existing.accounts.length > 0) return { refused: "GoogleAccountExists" };
    await link(existing.id);
    return { userId: existing.id };
  }
  if (!(await isSignUpOpen())) return { refused: "SignupClosed" };
  const created = await db().user.create({
    data: {
      email,
      name: params.name ?? null,
      accounts: { create: { type: "oauth", provider: PROVIDER, providerAccountId: params.googleId } },
    },
    select: { id: true },
  });
  return { userId: created.id };
}

/** The Concord user a linked Google identity belongs to (after `resolveGoogleSignIn` allowed it). */
export async function userIdForGoogleIdentity(googleId: string): Promise<string | null> {
  const row = await db().account.findUnique({
    where: { provider_providerAccountId: { provider: PROVIDER, providerAccountId: googleId } },
    select: { userId: true },
  });
  return row?.userId ?? null;
}

/** Whether this user has Google sign-in linked (settings page). */
export async function hasGoogleSignIn(params: { userId: string }): Promise<boolean> {
  return (await db().account.count({ where: { userId: params.userId, provider: PROVIDER } })) > 0;
}
