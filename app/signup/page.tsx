import Link from "next/link";
import { SignUpForm } from "@/components/auth/sign-up-form.tsx";

export default function SignUpPage() {
  return (
    <main className="auth-page">
      <h1>Create your Concord account</h1>
      <SignUpForm />
      <p>
        Already have one? <Link href="/signin">Sign in</Link>
      </p>
    </main>
  );
}
