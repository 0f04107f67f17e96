/**
 * `CONCORD_SIGNUP=open|closed` (default open). Closed refuses new accounts — by password and by
 * Google sign-in alike — except the very first account of an empty instance, so an operator can
 * close sign-up from the start and still create their own account.
 */
import { db } from "../db/client.ts";
import { AppError } from "../errors/app-error.ts";

export function signUpMode(env: Record<string, string | undefined> = process.env): "open" | "closed" {
  const value = (env.CONCORD_SIGNUP ?? "").trim().toLowerCase();
  if (value === "" || value === "open") return "open";
  if (value === "closed") return "closed";
  throw new Error(`CONCORD_SIGNUP must be "open" or "closed", not "${value}".`);
}

/** True when a new account may be created now. */
export async function isSignUpOpen(): Promise<boolean> {
  if (signUpMode() === "open") return true;
  return (await db().user.count()) === 0;
}

export async function assertSignUpOpen(): Promise<void> {
  if (!(await isSignUpOpen())) {
    throw new AppError("signup_closed", "Sign-up is closed on this server; ask its operator for an account.");
  }
}
