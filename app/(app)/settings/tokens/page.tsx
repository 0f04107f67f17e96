import { TokensSettings } from "@/components/settings/tokens-settings.tsx";

export default function TokensPage() {
  return <TokensSettings />;
}
