/**
 * The one place a pull hands a row with a pending local change to the three-way merge
 * (DESIGN.md "Sync rules" step 2), inside the pull's transaction so the merge commits with the
 * cursor. "kept" means the row stays as it is: its push then meets a 412 and merges there.
 */
import type { Prisma } from "../../db/generated/client.ts";
import type { RemoteObject } from "../../providers/types.ts";
import { mergeRemoteIntoPending } from "../merge-remote-into-pending.ts";

export type MergeOutcome = "merged" | "conflict" | "kept";

export async function mergePendingRow(params: {
  tx: Prisma.TransactionClient;
  eventId: string;
  remote: RemoteObject | null;
}): Promise<MergeOutcome> {
  return mergeRemoteIntoPending({ tx: params.tx, event: { id: params.eventId }, remote: params.remote });
}
