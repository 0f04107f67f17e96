"use client";

import type { CalendarRef } from "@fullcalendar/react";
import { useCallback, useEffect, useRef, useSyncExternalStore, type RefObject } from "react";
import { openingHour, type TimedItem } from "./opening-hour.ts";

interface Shown {
  viewType: string;
  rangeKey: string;
  timeZone: string;
  /** The items of the range shown before; the grid scrolls when a newer list arrives. */
  waitingPast: TimedItem[] | null;
}

/**
 * Scrolls a day or week grid to its opening hour (see opening-hour.ts) once per range, view and
 * display zone: when the events of a newly shown range have arrived, or at once when only the
 * view or the zone changed over the same events. Later reloads of the same range (edits, sync)
 * leave the person's own scrolling alone.
 */
export function useOpeningHour(params: {
  calendarRef: RefObject<CalendarRef | null>;
  items: TimedItem[];
  timeZone: string;
}): void {
  const { calendarRef, items, timeZone } = params;
  const subscribe = useCallback(
    (onChange: () => void) => {
      const api = calendarRef.current?.getApi();
      if (!api) return () => undefined;
      api.on("datesSet", onChange);
      return () => api.off("datesSet", onChange);
    },
    [calendarRef],
  );
  const view = useSyncExternalStore(
    subscribe,
    () => {
      const current = calendarRef.current?.getApi().view;
      return current ? `${current.type}|${current.activeStart.getTime()}|${current.activeEnd.getTime()}` : null;
    },
    () => null,
  );
  const shown = useRef<Shown | null>(null);
  useEffect(() => {
    const api = calendarRef.current?.getApi();
    if (!api || !view) return;
    const [viewType = "", start, end] = view.split("|");
    const rangeKey = `${start}|${end}`;
    const last = shown.current;
    if (!last || last.rangeKey !== rangeKey) {
      // The items still belong to the range shown before: wait for the next load.
      shown.current = { viewType, rangeKey, timeZone, waitingPast: items };
      return;
    }
    const sameEvents = last.viewType !== viewType || last.timeZone !== timeZone;
    const loaded = last.waitingPast !== null && last.waitingPast !== items;
    shown.current = { viewType, rangeKey, timeZone, waitingPast: sameEvents || loaded ? null : last.waitingPast };
    if ((!sameEvents && !loaded) || !viewType.startsWith("timeGrid")) return;
    const range = { start: new Date(Number(start)), end: new Date(Number(end)) };
    api.scrollToTime(openingHour({ items, range, now: new Date(), timeZone }));
  }, [calendarRef, view, items, timeZone]);
}
