import { AccountsSettings } from "@/components/settings/accounts-settings.tsx";
import { GoogleSignInSettings } from "@/components/settings/google-sign-in-settings.tsx";
import { isGoogleSignInConfigured } from "@/lib/auth/auth-options.ts";

export const dynamic = "force-dynamic";

export default async function AccountsPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; connected?: string; linked?: string }>;
}) {
  const params = await searchParams;
  const googleConfigured = Boolean(process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET);
  return (
    <>
      <AccountsSettings
        googleConfigured={googleConfigured}
        callbackError={params.error ?? null}
        connected={params.connected ?? null}
      />
      {isGoogleSignInConfigured() && <GoogleSignInSettings justLinked={params.linked === "google"} />}
    </>
  );
}
