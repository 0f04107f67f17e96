"use client";

import Link from "next/link";
import type { CalendarItem, ConnectionItem } from "../api/api-types.ts";
import { useNow } from "../live/use-now.ts";
import { calendarSyncStatus } from "./calendar-sync-status.ts";
import { listTimeZones } from "./zoned-time.ts";

const providerLabels: Record<ConnectionItem["provider"], string> = {
  google: "Google",
  icloud: "iCloud",
  caldav: "CalDAV",
};

export interface CalendarSidebarProps {
  connections: ConnectionItem[];
  calendars: CalendarItem[];
  loaded: boolean;
  timeZone: string;
  syncing: boolean;
  open: boolean;
  onTimeZoneChange: (zone: string) => void;
  onGoToDate: (date: string) => void;
  onToggleCalendar: (calendar: CalendarItem, enabled: boolean) => void;
  onSyncNow: () => void;
  onConfirmDeletions: (calendar: CalendarItem) => void;
}

function CalendarStatus({ calendar, now }: { calendar: CalendarItem; now: number }) {
  const status = calendarSyncStatus({ calendar, now });
  if (status.tone === "busy") {
    return (
      <span className="calendar-status" role="status" data-testid="calendar-sync-status">
        <span className="spinner" aria-hidden="true" /> {status.text}
      </span>
    );
  }
  const tone = status.tone === "error" ? " status-error" : status.tone === "warn" ? " status-warn" : "";
  return (
    <span className={`calendar-status${tone}`} data-testid="calendar-sync-status">
      {status.text}
    </span>
  );
}

/** Accounts, their calendars (show/hide, colour, sync state), time zone and date picker. */
export function CalendarSidebar(props: CalendarSidebarProps) {
  const zones = listTimeZones();
  const now = useNow();
  return (
    <aside className={props.open ? "sidebar sidebar-open" : "sidebar"} aria-label="Calendars" id="calendar-sidebar">
      <div className="sidebar-section">
        <label className="field">
          Go to date
          <input type="date" onChange={(e) => e.target.value && props.onGoToDate(e.target.value)} name="goto" />
        </label>
        <label className="field">
          Time zone
          <select
            value={props.timeZone}
            onChange={(e) => props.onTimeZoneChange(e.target.value)}
            name="displayTimeZone"
          >
            {!zones.includes(props.timeZone) && <option value={props.timeZone}>{props.timeZone}</option>}
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={props.onSyncNow}
          disabled={props.syncing || props.connections.length === 0}
          className="button-primary"
        >
          {props.syncing ? "Syncing…" : "Sync now"}
        </button>
      </div>
      {props.loaded && props.connections.length === 0 && (
        <div className="empty-state">
          <p>No accounts yet.</p>
          <Link href="/settings/accounts">Connect one</Link> — Google, iCloud or any CalDAV server.
        </div>
      )}
      {props.connections.map((connection) => {
        const calendars = props.calendars.filter((c) => c.connectionId === connection.id);
        return (
          <section
            key={connection.id}
            className="sidebar-section"
            aria-label={`${providerLabels[connection.provider]} ${connection.accountName}`}
          >
            <h3 className="connection-name">
              <span className="provider-tag">{providerLabels[connection.provider]}</span> {connection.accountName}
            </h3>
            {connection.status !== "active" && (
              <p className="status-error">
                {connection.status === "needs_reauth" ? "Sign-in expired. " : "Error. "}
                <Link href="/settings/accounts">Fix in Accounts</Link>
              </p>
            )}
            {calendars.length === 0 && <p className="muted">No calendars found yet.</p>}
            <ul className="calendar-list">
              {calendars.map((calendar) => (
                <li key={calendar.id} className="calendar-row" data-testid="sidebar-calendar">
                  <label className="field-inline">
                    <input
                      type="checkbox"
                      checked={calendar.enabled}
                      onChange={(e) => props.onToggleCalendar(calendar, e.target.checked)}
                      aria-label={`Show ${calendar.name}`}
                    />
                    <span className="swatch" style={{ background: calendar.color || "#3788d8" }} aria-hidden="true" />
                    <span className="calendar-name">{calendar.name}</span>
                    {calendar.readOnly && <span className="muted"> (read-only)</span>}
                  </label>
                  <CalendarStatus calendar={calendar} now={now} />
                  {calendar.syncState === "held" && (
                    <div className="held">
                      <p>
                        The server no longer lists most of this calendar&apos;s events. Nothing was deleted here until
                        you confirm.
                      </p>
                      <button
                        type="button"
                        className="button-danger"
                        onClick={() => props.onConfirmDeletions(calendar)}
                      >
                        Delete them here too
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </aside>
  );
}
