/**
 * The remote refused the stored credentials (401 / OAuth invalid_grant): the connection needs
 * the person to reconnect. All local data and pending edits stay (DESIGN.md "Hard-won rules",
 * OAuth); pulls and pushes skip the connection until it is ACTIVE again.
 */
import { db } from "../db/client.ts";

export async function markConnectionRevoked(params: { connectionId: string; reason?: string }): Promise<void> {
  await db().connection.update({
    where: { id: params.connectionId },
    data: {
      status: "NEEDS_REAUTH",
      lastError: params.reason ?? "The account refused the stored sign-in; reconnect it to resume syncing.",
    },
  });
}
