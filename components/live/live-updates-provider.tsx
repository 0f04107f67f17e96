"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ReactNode } from "react";
import { apiFetch } from "../api/api-fetch.ts";

/** The tokens of `GET /api/v1/stream`: each moves when that part of the person's data changes. */
export interface LiveState {
  events: string;
  calendars: string;
  conflicts: string;
}

export type LiveTopic = keyof LiveState;

interface LiveApi {
  /** Calls `listener` whenever the topic's token moves; returns the unsubscribe function. */
  subscribe: (topic: LiveTopic, listener: () => void) => () => void;
  /** Reads the tokens now, notifies what moved, and returns them (null if unreadable). */
  check: () => Promise<LiveState | null>;
  /** The tokens this tab last acted on. */
  lastSeen: () => LiveState | null;
}

const LiveContext = createContext<LiveApi>({
  subscribe: () => () => undefined,
  check: async () => null,
  lastSeen: () => null,
});

export function useLiveUpdates(): LiveApi {
  return useContext(LiveContext);
}

/** Runs `listener` (its latest version) whenever the topic's token moves. */
export function useLiveTopic(topic: LiveTopic, listener: () => unknown): void {
  const { subscribe } = useLiveUpdates();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  }, [listener]);
  useEffect(() => subscribe(topic, () => void latest.current()), [subscribe, topic]);
}

const topics: LiveTopic[] = ["events", "calendars", "conflicts"];
/** Used when EventSource is missing or keeps failing (a proxy that buffers or blocks streams). */
const FALLBACK_POLL_MS = 5000;
/** Errors in a row without one message before the stream is given up for polling. */
const STREAM_ATTEMPTS = 3;

/**
 * Keeps every view of this tab current without a reload: one EventSource on
 * `/api/v1/stream` per tab, and each token that moves refetches only its part (the visible
 * events, the calendar list, the conflicts). While the tab is hidden nothing is open; when it
 * shows again the stream reopens, and its first message catches up on what moved meanwhile.
 */
export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Map<LiveTopic, Set<() => void>>());
  const last = useRef<LiveState | null>(null);

  const apply = useCallback((state: LiveState) => {
    const previous = last.current;
    last.current = state;
    // The first state only sets the baseline: the views loaded their data just before.
    if (!previous) return;
    for (const topic of topics) {
      if (previous[topic] === state[topic]) continue;
      for (const listener of listeners.current.get(topic) ?? []) listener();
    }
  }, []);

  const check = useCallback(async () => {
    try {
      const state = await apiFetch<LiveState>("/api/v1/stream?once=true");
      apply(state);
      return state;
    } catch {
      return null;
    }
  }, [apply]);

  useEffect(() => {
    let source: EventSource | null = null;
    let pollTimer: ReturnType<typeof setInterval> | null = null;
    let failures = 0;

    const stopAll = () => {
      source?.close();
      source = null;
      if (pollTimer) clearInterval(pollTimer);
      pollTimer = null;
    };
    const startPolling = () => {
      stopAll();
      void check();
      pollTimer = setInterval(() => void check(), FALLBACK_POLL_MS);
    };
    const startStream = () => {
      stopAll();
      if (typeof EventSource === "undefined" || failures >= STREAM_ATTEMPTS) {
        startPolling();
        return;
      }
      const opened = new EventSource("/api/v1/stream");
      source = opened;
      opened.addEventListener("change", (message) => {
        failures = 0;
        try {
          apply(JSON.parse((message as MessageEvent<string>).data) as LiveState);
        } catch {
          // A frame that does not parse is skipped; the next one carries the full state again.
        }
      });
      opened.onerror = () => {
        // EventSource reconnects by itself after `retry`; a refusal (401, not a stream) closes it.
        failures += 1;
        if (opened.readyState === EventSource.CLOSED || failures >= STREAM_ATTEMPTS) startPolling();
      };
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") {
        stopAll();
        return;
      }
      // A stream that failed before (a proxy) gets another chance each time the tab shows.
      failures = 0;
      startStream();
    };
    if (document.visibilityState !== "hidden") startStream();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      stopAll();
    };
  }, [apply, check]);

  const subscribe = useCallback((topic: LiveTopic, listener: () => void) => {
    const set = listeners.current.get(topic) ?? new Set();
    set.add(listener);
    listeners.current.set(topic, set);
    return () => {
      set.delete(listener);
    };
  }, []);
  const api = useMemo(() => ({ subscribe, check, lastSeen: () => last.current }), [subscribe, check]);
  return <LiveContext.Provider value={api}>{children}</LiveContext.Provider>;
}
