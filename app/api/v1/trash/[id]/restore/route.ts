import { requireUser } from "@/lib/auth/require-user.ts";
import { serializeEditedEvent } from "@/lib/events/edit-serialize.ts";
import { param, routes } from "@/lib/http/route.ts";
import { restoreTrashedEvent } from "@/lib/trash/restore-trashed-event.ts";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  // Back in its calendar; pushed to the server in the background like any edit.
  POST: async (request, context) => {
    const { userId } = await requireUser(request);
    const restored = await restoreTrashedEvent({ userId, id: await param(context, "id") });
    const event = await serializeEditedEvent(restored);
    return Response.json(event, { headers: { ETag: event.etag } });
  },
});
