import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/auth-options.ts";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const session = await getServerSession(authOptions());
  if (!session) redirect("/signin");
  return (
    <main className="auth-page">
      <h1>Concord</h1>
      <p>Signed in as {session.user?.email}.</p>
    </main>
  );
}
