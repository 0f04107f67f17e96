"use client";

import { useCallback, useEffect, useState } from "react";
import { apiFetch, describeError } from "../api/api-fetch.ts";
import type { CalendarItem, TrashItem } from "../api/api-types.ts";
import { formatRelative } from "../calendar/format-relative.ts";
import { useNotify } from "../ui/notice-area.tsx";

function describeWhen(item: TrashItem): string {
  if (!item.start) return "";
  if (item.allDay) return new Date(`${item.start}T00:00:00`).toLocaleDateString(undefined, { dateStyle: "medium" });
  return new Date(item.start).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** /settings/trash: events deleted in Concord during the last 30 days, each with Restore. */
export function TrashSettings() {
  const notify = useNotify();
  const [items, setItems] = useState<TrashItem[] | null>(null);
  const [calendars, setCalendars] = useState<Map<string, CalendarItem>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const [trash, list] = await Promise.all([
        apiFetch<{ items: TrashItem[] }>("/api/v1/trash"),
        apiFetch<{ items: CalendarItem[] }>("/api/v1/calendars"),
      ]);
      setItems(trash.items);
      setCalendars(new Map(list.items.map((calendar) => [calendar.id, calendar])));
    } catch (failure) {
      setError(describeError(failure));
      setItems([]);
    }
  }, []);
  useEffect(() => {
    // Loads from the API on mount; state is set when the response arrives.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void reload();
  }, [reload]);

  async function restore(item: TrashItem) {
    setRestoring(item.id);
    setError(null);
    try {
      await apiFetch(`/api/v1/trash/${encodeURIComponent(item.id)}/restore`, { method: "POST", body: {} });
      const calendar = calendars.get(item.calendarId);
      notify({ text: `Restored “${item.title || "(no title)"}” to ${calendar?.name ?? "its calendar"}.` });
      await reload();
    } catch (failure) {
      setError(`“${item.title || "(no title)"}” was not restored: ${describeError(failure)}`);
    } finally {
      setRestoring(null);
    }
  }

  return (
    <main className="page">
      <h1>Trash</h1>
      <p className="muted">
        Events you deleted in Concord stay here for 30 days. Restoring puts one back in its calendar and on the server.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {items?.length === 0 && !error && <p className="empty-state">The trash is empty.</p>}
      <ul className="card-list trash-list">
        {items?.map((item) => {
          const calendar = calendars.get(item.calendarId);
          return (
            <li key={item.id} className="card" data-testid="trash-row">
              <span className="card-main">
                <strong>{item.title || "(no title)"}</strong>
                <span className="muted">
                  {describeWhen(item)}
                  {calendar ? ` · ${calendar.name}` : ""}
                </span>
                <span className="muted">Deleted {formatRelative({ iso: item.deletedAt })}</span>
              </span>
              <span className="card-actions">
                <button
                  type="button"
                  className="button-primary"
                  disabled={restoring !== null}
                  onClick={() => void restore(item)}
                  aria-label={`Restore ${item.title || "(no title)"}`}
                >
                  {restoring === item.id ? "Restoring…" : "Restore"}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </main>
  );
}
