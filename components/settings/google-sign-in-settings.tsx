"use client";

import { signIn } from "next-auth/react";
import { useEffect, useState } from "react";
import { apiFetch, describeError } from "../api/api-fetch.ts";

/**
 * "Sign in with Google" for the signed-in account: shows whether it is linked, and links it on
 * explicit request only (POST marks the request, then Google's consent completes it). Google
 * sign-in never joins an existing account on its own.
 */
export function GoogleSignInSettings({ justLinked }: { justLinked: boolean }) {
  const [linked, setLinked] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    apiFetch<{ linked: boolean }>("/api/v1/account/google-sign-in")
      .then((body) => setLinked(body.linked))
      .catch((failure: unknown) => setError(describeError(failure)));
  }, []);

  async function link() {
    setBusy(true);
    setError(null);
    try {
      await apiFetch("/api/v1/account/google-sign-in", { method: "POST", body: {} });
      await signIn("google", { callbackUrl: "/settings/accounts?linked=google" });
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  }

  return (
    <section className="page" aria-labelledby="google-sign-in-heading">
      <h2 id="google-sign-in-heading">Sign in with Google</h2>
      {justLinked && linked && (
        <p role="status" className="banner banner-ok">
          Google sign-in is linked to this account.
        </p>
      )}
      {linked === true && <p data-testid="google-sign-in-state">You can sign in to this account with Google.</p>}
      {linked === false && (
        <>
          <p data-testid="google-sign-in-state" className="muted">
            Not linked: this account signs in with its password only.
          </p>
          <button type="button" className="button-primary" disabled={busy} onClick={() => void link()}>
            Link Google sign-in
          </button>
        </>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
