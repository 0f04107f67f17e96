import { db } from "../db/client.ts";
import { toConnectionView, type ConnectionView } from "./connection-view.ts";

export async function listConnections(params: { userId: string }): Promise<ConnectionView[]> {
  const connections = await db().connection.findMany({
    where: { userId: params.userId },
    orderBy: { createdAt: "asc" },
  });
  return connections.map(toConnectionView);
}
