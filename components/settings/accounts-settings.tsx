"use client";

import { useCallback, useEffect, useState } from "react";
import { apiFetch, describeError } from "../api/api-fetch.ts";
import type { CalendarItem, ConnectionItem } from "../api/api-types.ts";
import { calendarSyncStatus } from "../calendar/calendar-sync-status.ts";
import { useLiveTopic } from "../live/live-updates-provider.tsx";
import { useNow } from "../live/use-now.ts";
import { ConfirmDialog } from "../ui/confirm-dialog.tsx";
import { useNotify } from "../ui/notice-area.tsx";
import { ConnectCaldavForm } from "./connect-caldav-form.tsx";

const providerLabels: Record<ConnectionItem["provider"], string> = {
  google: "Google",
  icloud: "iCloud",
  caldav: "CalDAV",
};
/** The codes /api/connect/google/callback sends back, as sentences. */
const googleErrors: Record<string, string> = {
  google_not_configured: "Google is not set up on this Concord server yet (see below).",
  access_denied: "Google access was not granted.",
  consent_failed: "Google sign-in was cancelled or failed.",
  invalid_state: "The Google sign-in expired or did not belong to this session. Try again.",
  google_refused: "Google refused the authorisation. Try again.",
  google_unavailable: "Google could not be reached. Try again in a moment.",
};

const statusLabels: Record<ConnectionItem["status"], string> = {
  active: "Connected",
  needs_reauth: "Sign-in expired — reconnect",
  error: "Error",
};

/**
 * The connection's state in one line: the sign-in state, and — while the account itself is
 * fine — whether its calendars fail to sync, so a failing account never reads "Connected".
 */
function ConnectionStatus(props: { connection: ConnectionItem; calendars: CalendarItem[] }) {
  const { connection } = props;
  if (connection.status !== "active") {
    return (
      <div className="status-error" data-testid="connection-status">
        {statusLabels[connection.status]}
        {connection.lastError ? ` — ${connection.lastError}` : ""}
      </div>
    );
  }
  const failing = props.calendars.filter((c) => c.syncState === "error");
  if (failing.length > 0) {
    const reasons = [...new Set(failing.map((c) => c.syncError ?? "unknown error"))].join(" ");
    const which = failing.length === props.calendars.length ? "all calendars" : failing.map((c) => c.name).join(", ");
    return (
      <div className="status-error" data-testid="connection-status">
        Sync failing ({which}): {reasons}
      </div>
    );
  }
  const syncing = props.calendars.some((c) => c.syncState === "syncing");
  return (
    <div className="status-ok" data-testid="connection-status">
      {syncing ? "Connected — syncing…" : "Connected"}
    </div>
  );
}

/** /settings/accounts: connect Google, iCloud or CalDAV; list, reconnect and remove connections. */
export function AccountsSettings(props: {
  googleConfigured: boolean;
  callbackError: string | null;
  connected: string | null;
}) {
  const notify = useNotify();
  const [connections, setConnections] = useState<ConnectionItem[] | null>(null);
  const [calendars, setCalendars] = useState<CalendarItem[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [adding, setAdding] = useState<"icloud" | "caldav" | null>(null);
  const [reconnecting, setReconnecting] = useState<ConnectionItem | null>(null);
  const [removing, setRemoving] = useState<ConnectionItem | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    try {
      const [c, k] = await Promise.all([
        apiFetch<{ items: ConnectionItem[] }>("/api/v1/connections"),
        apiFetch<{ items: CalendarItem[] }>("/api/v1/calendars").catch(() => ({ items: [] as CalendarItem[] })),
      ]);
      setConnections(c.items);
      setCalendars(k.items);
      setLoadError(null);
    } catch (error) {
      setLoadError(describeError(error));
      setConnections([]);
    }
  }, []);
  useEffect(() => {
    // Loads from the API on mount; state is set when the response arrives.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void reload();
  }, [reload]);
  useLiveTopic("calendars", reload);
  const now = useNow();

  async function remove(connection: ConnectionItem) {
    setBusy(true);
    try {
      await apiFetch(`/api/v1/connections/${encodeURIComponent(connection.id)}`, { method: "DELETE" });
      notify({ text: `Removed ${connection.accountName}.` });
      setRemoving(null);
      await reload();
    } catch (error) {
      notify({ kind: "error", text: `Could not remove it: ${describeError(error)}` });
    } finally {
      setBusy(false);
    }
  }

  const onConnected = async (count: number) => {
    setAdding(null);
    setReconnecting(null);
    notify({
      text: `Connected: ${count} calendar${count === 1 ? "" : "s"} found. The first sync runs in the background.`,
    });
    await reload();
  };

  return (
    <main className="page">
      <h1>Accounts</h1>
      {props.callbackError && (
        <p role="alert" className="banner banner-warn">
          Google did not connect: {googleErrors[props.callbackError] ?? props.callbackError}
        </p>
      )}
      {props.connected === "google" && (
        <p role="status" className="banner banner-ok">
          Google account connected. Its first sync runs in the background.
        </p>
      )}
      {loadError && (
        <p role="alert" className="error">
          {loadError}
        </p>
      )}
      <section aria-labelledby="connected-heading">
        <h2 id="connected-heading">Connected accounts</h2>
        {connections === null && <p className="muted">Loading…</p>}
        {connections?.length === 0 && <p className="empty-state">No accounts yet — connect one below.</p>}
        <ul className="card-list">
          {connections?.map((connection) => {
            const own = calendars.filter((c) => c.connectionId === connection.id);
            return (
              <li key={connection.id} className="card" data-testid="connection-card">
                <div className="card-main">
                  <strong>
                    <span className="provider-tag">{providerLabels[connection.provider]}</span> {connection.accountName}
                  </strong>
                  {connection.serverUrl && <span className="muted"> {connection.serverUrl}</span>}
                  <ConnectionStatus connection={connection} calendars={own} />
                  <div className="muted">
                    {own.length} calendar{own.length === 1 ? "" : "s"}
                    {own.length ? ":" : ""}
                  </div>
                  {own.length > 0 && (
                    <ul className="card-calendars">
                      {own.map((calendar) => {
                        const status = calendarSyncStatus({ calendar, now });
                        return (
                          <li key={calendar.id} data-testid="connection-calendar">
                            {calendar.name}{" "}
                            <span className={status.tone === "error" ? "status-error" : "muted"}>— {status.text}</span>
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </div>
                <div className="card-actions">
                  {connection.status === "needs_reauth" &&
                    (connection.provider === "google" ? (
                      <a className="button" href="/api/connect/google">
                        Reconnect
                      </a>
                    ) : (
                      <button type="button" onClick={() => setReconnecting(connection)}>
                        Reconnect
                      </button>
                    ))}
                  <button type="button" className="button-danger" onClick={() => setRemoving(connection)}>
                    Remove
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="add-heading">
        <h2 id="add-heading">Connect an account</h2>
        <div className="connect-options">
          <div className="card connect-card">
            <h3>Google</h3>
            {props.googleConfigured ? (
              <a className="button button-primary" href="/api/connect/google">
                Connect Google Calendar
              </a>
            ) : (
              <p className="explain muted" data-testid="google-not-enabled">
                Google is not enabled on this server; ask its operator.
              </p>
            )}
          </div>
          <div className="card connect-card">
            <h3>iCloud</h3>
            {adding === "icloud" ? (
              <ConnectCaldavForm provider="icloud" onConnected={onConnected} />
            ) : (
              <button type="button" onClick={() => setAdding("icloud")}>
                Connect iCloud
              </button>
            )}
          </div>
          <div className="card connect-card">
            <h3>Other CalDAV server</h3>
            <p className="muted">Fastmail, Nextcloud, Radicale, …</p>
            {adding === "caldav" ? (
              <ConnectCaldavForm provider="caldav" onConnected={onConnected} />
            ) : (
              <button type="button" onClick={() => setAdding("caldav")}>
                Connect a CalDAV server
              </button>
            )}
          </div>
        </div>
      </section>

      {reconnecting && (
        <ConfirmDialog
          title={`Reconnect ${reconnecting.accountName}`}
          confirmLabel="Close"
          onConfirm={() => setReconnecting(null)}
          onCancel={() => setReconnecting(null)}
        >
          <p>
            The server no longer accepts the stored password. Enter the current one: Concord updates this connection and
            keeps its calendars, events and changes not yet sent.
          </p>
          <ConnectCaldavForm
            provider={reconnecting.provider === "icloud" ? "icloud" : "caldav"}
            onConnected={onConnected}
            defaults={{ serverUrl: reconnecting.serverUrl, username: reconnecting.accountName }}
          />
        </ConfirmDialog>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.accountName}?`}
          confirmLabel="Remove account"
          danger
          busy={busy}
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(null)}
        >
          <p>
            This removes the account&apos;s {calendars.filter((c) => c.connectionId === removing.id).length} calendar(s)
            and their events from Concord, with any changes not yet sent. Nothing is deleted on{" "}
            {removing.provider === "google" ? "Google" : removing.provider === "icloud" ? "iCloud" : "the server"}.
          </p>
        </ConfirmDialog>
      )}
    </main>
  );
}
