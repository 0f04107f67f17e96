import { db } from "../db/client.ts";

/**
 * Marks the connection as waiting for a reconnect after the remote refused its credentials.
 * The sync engine does this too; repeating it here (idempotently) guarantees every job of the
 * connection stops even when the refusal came from somewhere the engine did not record.
 * Data and pending edits are kept (DESIGN.md "OAuth").
 */
export async function markConnectionNeedsReauth(params: { connectionId: string }): Promise<void> {
  await db().connection.updateMany({
    where: { id: params.connectionId, status: { not: "NEEDS_REAUTH" } },
    data: { status: "NEEDS_REAUTH", lastError: "The account refused Concord's stored credentials; reconnect it." },
  });
}
