"use client";

import dynamic from "next/dynamic";

/** Client-only: FullCalendar v7 must not render on the server (docs/stack.md "Next.js and next-auth"). */
export const MergedCalendarLoader = dynamic(() => import("./merged-calendar.tsx").then((m) => m.MergedCalendar), {
  ssr: false,
  loading: () => <p className="page muted">Loading calendar…</p>,
});
