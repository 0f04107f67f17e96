/**
 * The sentence for an `error` code on /signin: next-auth's own codes (its error page is /signin)
 * and the Google sign-in refusals of lib/auth/resolve-google-sign-in.ts. Only known codes map
 * to text; the query string never reaches the page as such (no attacker-written messages).
 */
const messages: Record<string, string> = {
  GoogleAccountExists:
    "An account with this email address already exists and signs in with a password. Sign in with your password, then use “Link Google sign-in” under Settings → Accounts to use Google from then on.",
  GoogleLinkedElsewhere: "This Google account is already linked to another Concord account.",
  GoogleEmailUnverified: "Google has not verified this account’s email address, so it cannot be used to sign in.",
  SignupClosed: "Sign-up is closed on this server, and this Google account has no Concord account. Ask the operator.",
  CredentialsSignin: "Email or password is wrong.",
  SessionRequired: "Sign in to continue.",
};

export function signInErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  return messages[code] ?? "Sign-in did not complete. Try again.";
}
