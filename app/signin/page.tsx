import Link from "next/link";
import { isGoogleSignInConfigured } from "@/lib/auth/auth-options.ts";
import { SignInForm } from "@/components/auth/sign-in-form.tsx";
import { signInErrorMessage } from "@/components/auth/sign-in-error-message.ts";

export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  // Only same-site paths: an open redirect after sign-in would hand sessions to phishing pages.
  const target = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
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
