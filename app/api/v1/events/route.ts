import { requireUser } from "@/lib/auth/require-user.ts";
import { listOccurrences } from "@/lib/events/list-occurrences.ts";
import { parseRangeQuery } from "@/lib/events/query-range.ts";
import { routes } from "@/lib/http/route.ts";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: async (request) => {
    const { userId } = await requireUser(request);
    const query = parseRangeQuery(new URL(request.url).searchParams);
    return Response.json({ items: await listOccurrences({ userId, ...query }) });
  },
});
