/**
 * The remote refused the stored credentials (401 / OAuth invalid_grant): the connection needs
 * the person to reconnect. All local data and pending edits stay (docs/design.md, "OAuth");
 * pulls and pushes skip the connection until it is ACTIVE again. The one place that says so:
 * the engine calls it where it saw the refusal, and the job layer again (idempotently) so every
 * job of the connection stops even when the refusal came from somewhere the engine did not record.
 */
import { db } from "../db/client.ts";

const defaultReason = "The account refused the stored sign-in; reconnect it to resume syncing.";

export async function markConnectionNeedsReauth(params: { connectionId: string; reason?: string }): Promise<void> {
  // updateMany: a connection deleted meanwhile is no error, and an earlier, more specific reason is kept.
  await db().connection.updateMany({
    where: { id: params.connectionId, status: { not: "NEEDS_REAUTH" } },
    data: { status: "NEEDS_REAUTH", lastError: params.reason ?? defaultReason },
  });
}
