import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

// Every page is rendered per request: the Content-Security-Policy's script nonce (proxy.ts) is new
// each time, and Next can only put it on the scripts of a page it renders then (Next's CSP guide).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Concord",
  description: "All your calendars, merged and in sync.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
