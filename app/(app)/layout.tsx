import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import type { ReactNode } from "react";
import { authOptions } from "@/lib/auth/auth-options.ts";
import { LiveUpdatesProvider } from "@/components/live/live-updates-provider.tsx";
import { AppShell } from "@/components/shell/app-shell.tsx";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const session = await getServerSession(authOptions());
  if (!session) redirect("/signin");
  // Live updates around the whole shell: the conflict count in the top bar follows them too.
  return (
    <LiveUpdatesProvider>
      <AppShell email={session.user?.email ?? ""}>{children}</AppShell>
    </LiveUpdatesProvider>
  );
}
