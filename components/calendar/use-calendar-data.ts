"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "../api/api-fetch.ts";
import type { CalendarItem, ConnectionItem } from "../api/api-types.ts";
import { useLiveTopic } from "../live/live-updates-provider.tsx";

export interface CalendarData {
  connections: ConnectionItem[];
  calendars: CalendarItem[];
  loaded: boolean;
  loadError: string | null;
  reload: () => Promise<void>;
  setCalendars: (update: (list: CalendarItem[]) => CalendarItem[]) => void;
}

/**
 * Connections and calendars of the signed-in person, refetched whenever the live stream says
 * their sync state, last sync time, errors or a running pull's progress changed.
 */
export function useCalendarData(params: { onSyncFinished: () => void }): CalendarData {
  const [connections, setConnections] = useState<ConnectionItem[]>([]);
  const [calendars, setCalendarsState] = useState<CalendarItem[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const wasSyncing = useRef(false);
  const onSyncFinished = useRef(params.onSyncFinished);
  useEffect(() => {
    onSyncFinished.current = params.onSyncFinished;
  }, [params.onSyncFinished]);

  const reload = useCallback(async () => {
    try {
      const [c, k] = await Promise.all([
        apiFetch<{ items: ConnectionItem[] }>("/api/v1/connections"),
        apiFetch<{ items: CalendarItem[] }>("/api/v1/calendars"),
      ]);
      setConnections(c.items);
      setCalendarsState(k.items);
      setLoadError(null);
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : "Could not load your calendars.");
    } finally {
      setLoaded(true);
    }
  }, []);

  useEffect(() => {
    // Loads from the API on mount; state is set when the response arrives.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void reload();
  }, [reload]);

  useLiveTopic("calendars", reload);

  const syncing = calendars.some((c) => c.syncState === "syncing");
  useEffect(() => {
    if (wasSyncing.current && !syncing) onSyncFinished.current();
    wasSyncing.current = syncing;
  }, [syncing]);

  const setCalendars = useCallback((update: (list: CalendarItem[]) => CalendarItem[]) => setCalendarsState(update), []);
  return { connections, calendars, loaded, loadError, reload, setCalendars };
}
