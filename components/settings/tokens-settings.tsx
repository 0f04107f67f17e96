"use client";

import { useCallback, useEffect, useState, type FormEvent } from "react";
import { apiFetch, describeError } from "../api/api-fetch.ts";
import type { TokenItem } from "../api/api-types.ts";
import { ConfirmDialog } from "../ui/confirm-dialog.tsx";

/** Lifetimes offered when creating a token; 0 = never expires. */
const expiryChoices = [
  { days: 7, label: "in 7 days" },
  { days: 30, label: "in 30 days" },
  { days: 90, label: "in 90 days" },
  { days: 365, label: "in a year" },
  { days: 0, label: "never" },
];

function describeExpiry(expiresAt: string | null | undefined): string {
  if (!expiresAt) return "never expires";
  const at = new Date(expiresAt);
  return at.getTime() <= Date.now() ? `expired ${at.toLocaleDateString()}` : `expires ${at.toLocaleDateString()}`;
}

/** /settings/tokens: API tokens for scripts (`Authorization: Bearer`), shown once, revocable. */
export function TokensSettings() {
  const [tokens, setTokens] = useState<TokenItem[] | null>(null);
  // The new token's secret, shown once; it goes when that token is revoked.
  const [created, setCreated] = useState<{ id: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<TokenItem | null>(null);

  const reload = useCallback(async () => {
    try {
      setTokens((await apiFetch<{ items: TokenItem[] }>("/api/v1/tokens")).items);
    } catch (failure) {
      setError(describeError(failure));
      setTokens([]);
    }
  }, []);
  useEffect(() => {
    // Loads from the API on mount; state is set when the response arrives.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void reload();
  }, [reload]);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const name = String(form.get("name") || "").trim();
    const days = Number(form.get("expiresInDays") || 0);
    setError(null);
    try {
      const body = await apiFetch<{ token: string; id: string }>("/api/v1/tokens", {
        method: "POST",
        body: { name: name || undefined, expiresInDays: days > 0 ? days : undefined },
      });
      setCreated({ id: body.id, token: body.token });
      formElement.reset();
      await reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  async function revoke(token: TokenItem) {
    try {
      await apiFetch(`/api/v1/tokens/${encodeURIComponent(token.id)}`, { method: "DELETE" });
      setRevoking(null);
      setCreated((shown) => (shown?.id === token.id ? null : shown));
      await reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <main className="page">
      <h1>API tokens</h1>
      <p className="muted">
        Scripts and other apps use a token as <code>Authorization: Bearer &lt;token&gt;</code> with the same API as this
        page.
      </p>
      <form onSubmit={create} className="inline-form" aria-label="Create a token">
        <label className="field">
          Token name
          <input name="name" maxLength={100} placeholder="e.g. backup script" />
        </label>
        <label className="field">
          Expires
          <select name="expiresInDays" defaultValue="90">
            {expiryChoices.map((choice) => (
              <option key={choice.days} value={choice.days}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button-primary">
          Create token
        </button>
      </form>
      {created && (
        <div className="banner banner-ok" role="status">
          <p>Copy this token now — it is shown only once:</p>
          <code className="token-value" data-testid="new-token">
            {created.token}
          </code>{" "}
          <button type="button" onClick={() => void navigator.clipboard?.writeText(created.token)}>
            Copy
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {tokens?.length === 0 && <p className="empty-state">No tokens yet.</p>}
      <ul className="card-list">
        {tokens?.map((token) => (
          <li key={token.id} className="card" data-testid="token-row">
            <span>
              <strong>{token.name || "Unnamed token"}</strong>
              {token.prefix && <code className="muted"> {token.prefix}…</code>}
              <span className="muted">
                {" "}
                created {new Date(token.createdAt).toLocaleDateString()}
                {token.lastUsedAt ? `, last used ${new Date(token.lastUsedAt).toLocaleString()}` : ", never used"}
                {", "}
                <span data-testid="token-expiry">{describeExpiry(token.expiresAt)}</span>
              </span>
            </span>
            <button type="button" className="button-danger" onClick={() => setRevoking(token)}>
              Revoke
            </button>
          </li>
        ))}
      </ul>
      {revoking && (
        <ConfirmDialog
          title="Revoke this token?"
          confirmLabel="Revoke"
          danger
          onConfirm={() => void revoke(revoking)}
          onCancel={() => setRevoking(null)}
        >
          <p>Anything using “{revoking.name || "Unnamed token"}” stops working at once.</p>
        </ConfirmDialog>
      )}
    </main>
  );
}
