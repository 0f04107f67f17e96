import { TrashSettings } from "@/components/settings/trash-settings.tsx";

export default function TrashPage() {
  return <TrashSettings />;
}
