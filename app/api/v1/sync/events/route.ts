import { requireUser } from "@/lib/auth/require-user.ts";
import { listEventChanges } from "@/lib/client-sync/list-event-changes.ts";
import { readSyncQuery } from "@/lib/client-sync/read-sync-query.ts";
import { routes } from "@/lib/http/route.ts";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: async (request) => {
    const { userId } = await requireUser(request);
    const query = readSyncQuery(new URL(request.url).searchParams);
    return Response.json(await listEventChanges({ userId, ...query }), { headers: { "Cache-Control": "no-store" } });
  },
});
