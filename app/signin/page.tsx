import Link from "next/link";
import { isGoogleSignInConfigured } from "@/lib/auth/auth-options.ts";
import { sameOriginPath } from "@/lib/auth/same-origin-path.ts";
import { appBaseUrl } from "@/lib/config/google-app-config.ts";
import { SignInForm } from "@/components/auth/sign-in-form.tsx";
import { signInErrorMessage } from "@/components/auth/sign-in-error-message.ts";

export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  // Only paths of this app: an open redirect after sign-in would hand people to phishing pages.
  const target = sameOriginPath(callbackUrl, appBaseUrl());
  return (
    <main className="auth-page">
      <h1>Sign in to Concord</h1>
      <SignInForm
        googleEnabled={isGoogleSignInConfigured()}
        callbackUrl={target}
        initialError={signInErrorMessage(error)}
      />
      <p>
        No account yet? <Link href="/signup">Create one</Link>
      </p>
    </main>
  );
}
