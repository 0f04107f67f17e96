import { ConflictList } from "@/components/conflicts/conflict-list.tsx";

export default function ConflictsPage() {
  return <ConflictList />;
}
