"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, describeError } from "../api/api-fetch.ts";
import type { Occurrence } from "../api/api-types.ts";
import { useLiveTopic } from "../live/live-updates-provider.tsx";
import { useNotify } from "../ui/notice-area.tsx";
import { mergeOccurrences } from "./merge-occurrences.ts";

const dayMs = 86_400_000;

export interface OccurrenceStore {
  occurrences: Occurrence[];
  setOccurrences: (update: (list: Occurrence[]) => Occurrence[]) => void;
  loadEvents: () => Promise<void>;
  replaceOccurrence: (id: string, patch: Partial<Occurrence>) => void;
  writeEvent: <T>(occurrence: Occurrence, send: (headers: Record<string, string>) => Promise<T>) => Promise<T>;
}

/**
 * The occurrences of the visible range: loaded from the API when the range changes or the live
 * stream says events changed (a pull, a push, an edit in another tab), polled while edits are
 * pending, and written through `writeEvent`, which keeps each event's newest
 * ETag so successive edits are sent in order with a current If-Match (docs/api.md 412).
 */
export function useOccurrences(params: {
  range: { start: Date; end: Date } | null;
  resolvedCount: number;
  refreshConflicts: () => Promise<void>;
}): OccurrenceStore {
  const { range, resolvedCount, refreshConflicts } = params;
  const notify = useNotify();
  const [occurrences, setOccurrencesState] = useState<Occurrence[]>([]);
  const loadSequence = useRef(0);
  const etags = useRef(new Map<string, string | null>());
  const writes = useRef<Promise<unknown>>(Promise.resolve());
  const setOccurrences = useCallback((update: (list: Occurrence[]) => Occurrence[]) => setOccurrencesState(update), []);

  const loadEvents = useCallback(async () => {
    if (!range) return;
    const sequence = ++loadSequence.current;
    // No calendarIds: the API then answers for the enabled calendars, so this request need not
    // wait for the calendar list (one round trip less before the first events show).
    // A day of margin either side: the visible range is in the display zone, the API's in UTC.
    const query = new URLSearchParams({
      start: new Date(range.start.getTime() - dayMs).toISOString(),
      end: new Date(range.end.getTime() + dayMs).toISOString(),
    });
    try {
      const body = await apiFetch<{ items: Occurrence[] }>(`/api/v1/events?${query}`);
      if (sequence === loadSequence.current) {
        for (const item of body.items) etags.current.set(item.eventId, item.etag);
        setOccurrencesState(mergeOccurrences(body.items.filter((o) => o.status !== "cancelled")));
      }
    } catch (error) {
      if (sequence === loadSequence.current)
        notify({ kind: "error", text: `Events could not be loaded: ${describeError(error)}` });
    }
  }, [range, notify]);
  useEffect(() => {
    // Fetching the visible range from the API; state is set when the response arrives.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void loadEvents();
  }, [loadEvents, resolvedCount]);
  useLiveTopic("events", loadEvents);

  // Pending edits are pushed in the background: poll until they settle, so the badge clears
  // (or turns into a conflict, which also updates the open-conflict count).
  const hasPending = occurrences.some((o) => o.syncState === "pending");
  useEffect(() => {
    if (!hasPending) return;
    const timer = setInterval(() => {
      void loadEvents();
      void refreshConflicts();
    }, 3000);
    return () => clearInterval(timer);
  }, [hasPending, loadEvents, refreshConflicts]);

  /** Runs a write after the previous one finished, with the event's newest ETag as If-Match. */
  const writeEvent = useCallback(
    <T>(occurrence: Occurrence, send: (headers: Record<string, string>) => Promise<T>): Promise<T> => {
      const run = writes.current.then(async () => {
        const etag = etags.current.get(occurrence.eventId) ?? occurrence.etag;
        const result = await send(etag ? { "If-Match": etag } : {});
        // Loads that started before this write would bring back the old ETag: drop them.
        loadSequence.current += 1;
        const next = (result as { etag?: string } | undefined)?.etag;
        if (next) etags.current.set(occurrence.eventId, next);
        return result;
      });
      writes.current = run.catch(() => undefined);
      return run;
    },
    [],
  );

  const replaceOccurrence = useCallback(
    (id: string, patch: Partial<Occurrence>) =>
      setOccurrencesState((list) => list.map((o) => (o.id === id ? { ...o, ...patch } : o))),
    [],
  );

  return { occurrences, setOccurrences, loadEvents, replaceOccurrence, writeEvent };
}
