import { requireUser } from "@/lib/auth/require-user.ts";
import { getEvent } from "@/lib/events/get-event.ts";
import { routes, param } from "@/lib/http/route.ts";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: async (request, context) => {
    const { userId } = await requireUser(request);
    // An occurrence id (`eventId:originalStart`) reads its series master.
    const eventId = (await param(context, "id")).split(":")[0] ?? "";
    const event = await getEvent({ userId, eventId });
    return Response.json(event, { headers: { ETag: event.etag } });
  },
});
