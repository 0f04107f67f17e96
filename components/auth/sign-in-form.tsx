"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { sameOriginPath } from "@/lib/auth/same-origin-path.ts";

export function SignInForm({
  googleEnabled,
  callbackUrl,
  initialError = null,
}: {
  googleEnabled: boolean;
  callbackUrl: string;
  /** A refusal to show on arrival (e.g. a Google sign-in that was not allowed). */
  initialError?: string | null;
}) {
  const [error, setError] = useState<string | null>(initialError);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await signIn("credentials", {
      email: String(form.get("email")),
      password: String(form.get("password")),
      redirect: false,
    });
    setBusy(false);
    if (result?.ok) {
      // The page already checked it; checked again where it is used, against the real origin.
      window.location.assign(sameOriginPath(callbackUrl, window.location.origin));
    } else {
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Email or password is wrong.");
    }
  }

  return (
    <form onSubmit={onSubmit} aria-label="Sign in">
      <label>
        Email
        <input name="email" type="email" autoComplete="email" required />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
      {googleEnabled && (
        <button type="button" onClick={() => signIn("google", { callbackUrl })}>
          Sign in with Google
        </button>
      )}
    </form>
  );
}
