"use client";

import { useState, type FormEvent } from "react";
import { apiFetch, describeError } from "../api/api-fetch.ts";

/**
 * Connect an iCloud account (Apple ID + app-specific password; the server URL is fixed) or any
 * CalDAV server (URL, user, password). The server checks the credentials before answering.
 */
export function ConnectCaldavForm(props: {
  provider: "icloud" | "caldav";
  onConnected: (calendarCount: number) => void;
  /** Reconnecting: the account is known, only the password is asked again. */
  defaults?: { serverUrl: string | null; username: string };
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const icloud = props.provider === "icloud";

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setBusy(true);
    setError(null);
    try {
      const body = await apiFetch<{ calendars?: unknown[] }>("/api/v1/connections", {
        method: "POST",
        body: {
          provider: props.provider,
          ...(icloud ? {} : { serverUrl: String(form.get("serverUrl")) }),
          username: String(form.get("username")),
          password: String(form.get("password")),
        },
      });
      formElement.reset();
      props.onConnected(body.calendars?.length ?? 0);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      className="connect-form"
      aria-label={icloud ? "Connect iCloud" : "Connect a CalDAV server"}
    >
      {icloud ? (
        <div className="explain">
          <p>
            iCloud needs an <strong>app-specific password</strong>, not your Apple ID password. It is a password Apple
            makes for one app: create it at{" "}
            <a href="https://appleid.apple.com" target="_blank" rel="noreferrer">
              appleid.apple.com
            </a>{" "}
            under <em>Sign-In and Security → App-Specific Passwords</em> (two-factor authentication must be on).
          </p>
          <p className="warn-text">
            An app-specific password unlocks your whole iCloud account&apos;s calendars, contacts and more — not only
            calendars. Concord stores it encrypted; revoke it at appleid.apple.com at any time.
          </p>
        </div>
      ) : (
        <label className="field">
          Server URL
          <input
            name="serverUrl"
            type="url"
            placeholder="https://caldav.example.com/"
            required
            autoComplete="url"
            defaultValue={props.defaults?.serverUrl ?? undefined}
          />
        </label>
      )}
      <label className="field">
        {icloud ? "Apple ID (email)" : "User name"}
        <input
          name="username"
          required
          autoComplete="username"
          type={icloud ? "email" : "text"}
          defaultValue={props.defaults?.username}
        />
      </label>
      <label className="field">
        {icloud ? "App-specific password" : "Password"}
        <input
          name="password"
          type="password"
          required
          autoComplete="off"
          placeholder={icloud ? "xxxx-xxxx-xxxx-xxxx" : undefined}
        />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className="button-primary" disabled={busy}>
        {busy ? "Checking…" : icloud ? "Connect iCloud" : "Connect CalDAV server"}
      </button>
    </form>
  );
}
