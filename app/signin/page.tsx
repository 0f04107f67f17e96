import Link from "next/link";
import { isGoogleSignInConfigured } from "@/lib/auth/auth-options.ts";
import { sameOriginPath } from "@/lib/auth/same-origin-path.ts";
import { appBaseUrl } from "@/lib/google/google-app-config.ts";
import { SignInForm } from "@/components/auth/sign-in-form.tsx";

export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  // Only paths of this app: an open redirect after sign-in would hand people to phishing pages.
  const target = sameOriginPath(callbackUrl, appBaseUrl());
  return (
    <main className="auth-page">
      <h1>Sign in to Concord</h1>
      <SignInForm googleEnabled={isGoogleSignInConfigured()} callbackUrl={target} />
      <p>
        No account yet? <Link href="/signup">Create one</Link>
      </p>
    </main>
  );
}
