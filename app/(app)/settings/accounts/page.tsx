import { AccountsSettings } from "@/components/settings/accounts-settings.tsx";

export const dynamic = "force-dynamic";

export default async function AccountsPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; connected?: string }>;
}) {
  const params = await searchParams;
  const googleConfigured = Boolean(process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET);
  return (
    <AccountsSettings
      googleConfigured={googleConfigured}
      callbackError={params.error ?? null}
      connected={params.connected ?? null}
    />
  );
}
