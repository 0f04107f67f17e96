/**
 * Entry point for the pull (DESIGN.md "Sync rules" step 2): a remote change (null = the remote
 * deleted it) met a row with a pending local change. Runs inside the pull's transaction, so
 * the merge commits together with the cursor.
 */
import type { Prisma } from "../db/generated/client.ts";
import type { RemoteObject } from "../providers/types.ts";
import { reconcileWithRemote, type ReconcileOutcome } from "./merge/reconcile-with-remote.ts";

export async function mergeRemoteIntoPending(params: {
  tx: Prisma.TransactionClient;
  event: { id: string };
  remote: RemoteObject | null;
}): Promise<ReconcileOutcome> {
  return reconcileWithRemote({ tx: params.tx, eventId: params.event.id, remote: params.remote });
}
