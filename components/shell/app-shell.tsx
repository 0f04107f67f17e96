"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import type { ReactNode } from "react";
import { ConflictsProvider, useConflicts } from "../conflicts/conflicts-provider.tsx";
import { NoticeProvider } from "../ui/notice-area.tsx";

function ConflictCount() {
  const { conflicts } = useConflicts();
  if (conflicts.length === 0) return null;
  return (
    <Link href="/conflicts" className="conflict-count" data-testid="conflict-count">
      <span aria-hidden="true">⚠ </span>
      {conflicts.length} {conflicts.length === 1 ? "conflict" : "conflicts"}
    </Link>
  );
}

function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const path = usePathname();
  return (
    <Link href={href} aria-current={path === href ? "page" : undefined}>
      {children}
    </Link>
  );
}

/** Top bar (navigation, open-conflict count, sign out) around every signed-in page. */
export function AppShell({ email, children }: { email: string; children: ReactNode }) {
  return (
    <NoticeProvider>
      <ConflictsProvider>
        <div className="app">
          <header className="topbar">
            <Link href="/" className="brand">
              Concord
            </Link>
            <nav aria-label="Main">
              <NavLink href="/">Calendar</NavLink>
              <NavLink href="/settings/accounts">Accounts</NavLink>
              <NavLink href="/settings/tokens">API tokens</NavLink>
            </nav>
            <ConflictCount />
            <span className="spacer" />
            <span className="muted user-email">{email}</span>
            <button type="button" onClick={() => signOut({ callbackUrl: "/signin" })}>
              Sign out
            </button>
          </header>
          <div className="app-main">{children}</div>
        </div>
      </ConflictsProvider>
    </NoticeProvider>
  );
}
