"use client";

import { useEffect, useState } from "react";

/** The current time, renewed every `intervalMs`, so relative times ("Synced 3 min ago") age on screen. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
