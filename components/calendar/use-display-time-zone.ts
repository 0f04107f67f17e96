"use client";

import { useCallback, useState } from "react";
import { browserTimeZone, isValidTimeZone } from "./zoned-time.ts";

const storageKey = "concord.timeZone";

/** The zone the calendar is shown in: the person's choice (kept in localStorage) or the browser's. */
export function useDisplayTimeZone(): [string, (zone: string) => void] {
  const [zone, setZone] = useState(() => {
    const stored = typeof window === "undefined" ? null : window.localStorage.getItem(storageKey);
    return stored && isValidTimeZone(stored) ? stored : browserTimeZone();
  });
  const choose = useCallback((next: string) => {
    if (!isValidTimeZone(next)) return;
    window.localStorage.setItem(storageKey, next);
    setZone(next);
  }, []);
  return [zone, choose];
}
