import { db } from "../db/client.ts";
import type { ProviderKind } from "../db/generated/client.ts";

/** ACTIVE connections of the given providers, whose calendar lists a scheduled round refreshes. */
export async function listConnectionsToRefresh(params: { providers: ProviderKind[] }): Promise<string[]> {
  const rows = await db().connection.findMany({
    where: { status: "ACTIVE", provider: { in: params.providers } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => row.id);
}
