import Link from "next/link";
import { SignUpForm } from "@/components/auth/sign-up-form.tsx";
import { isSignUpOpen } from "@/lib/auth/sign-up-policy.ts";

// Whether sign-up is open depends on the configuration and on whether any account exists yet.
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  const open = await isSignUpOpen();
  return (
    <main className="auth-page">
      <h1>Create your Concord account</h1>
      {open ? (
        <SignUpForm />
      ) : (
        <p role="status" className="banner" data-testid="signup-closed">
          Sign-up is closed on this server. Ask its operator to create an account for you.
        </p>
      )}
      <p>
        Already have one? <Link href="/signin">Sign in</Link>
      </p>
    </main>
  );
}
