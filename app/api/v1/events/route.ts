import { requireUser } from "@/lib/auth/require-user.ts";
import { createEvent } from "@/lib/events/create-event.ts";
import { CreateEventInput } from "@/lib/events/edit-input.ts";
import { serializeEditedEvent } from "@/lib/events/edit-serialize.ts";
import { listOccurrences } from "@/lib/events/list-occurrences.ts";
import { parseRangeQuery } from "@/lib/events/query-range.ts";
import { readJson, routes } from "@/lib/http/route.ts";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: async (request) => {
    const { userId } = await requireUser(request);
    const query = parseRangeQuery(new URL(request.url).searchParams);
    return Response.json({ items: await listOccurrences({ userId, ...query }) });
  },
  // The push to the remote runs in the background; the answer says syncState "pending".
  POST: async (request) => {
    const { userId } = await requireUser(request);
    const input = await readJson(request, CreateEventInput);
    const event = await serializeEditedEvent(await createEvent({ userId, input }));
    return Response.json(event, { status: 201, headers: { ETag: event.etag } });
  },
});
