import { db } from "../db/client.ts";
import { serializeConflict, type ApiConflict } from "./serialize-conflict.ts";

/** The user's conflicts, newest first; `status` filters (docs/api.md: `?status=open`). */
export async function listConflicts(params: { userId: string; status?: "open" | "resolved" }): Promise<ApiConflict[]> {
  const rows = await db().conflict.findMany({
    where: {
      userId: params.userId,
      ...(params.status ? { status: params.status === "open" ? "OPEN" : "RESOLVED" } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  return rows.map(serializeConflict);
}
