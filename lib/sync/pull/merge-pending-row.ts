/**
 * The one place a pull hands a row with a pending local change to the three-way merge
 * (DESIGN.md "Sync rules" step 2). Until a merge is wired in here the row is left untouched:
 * its outbox push then meets a 412 (If-Match) and merges on that path, so nothing is lost.
 */
import type { Prisma } from "../../db/generated/client.ts";
import type { RemoteObject } from "../../providers/types.ts";

export type MergeOutcome = "merged" | "conflict" | "kept";

export async function mergePendingRow(params: {
  tx: Prisma.TransactionClient;
  eventId: string;
  remote: RemoteObject | null;
}): Promise<MergeOutcome> {
  void params;
  return "kept";
}
