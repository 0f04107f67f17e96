import { requireUser } from "@/lib/auth/require-user.ts";
import { deleteEvent } from "@/lib/events/delete-event.ts";
import { EditScope, PatchEventInput } from "@/lib/events/edit-input.ts";
import { serializeEditedEvent } from "@/lib/events/edit-serialize.ts";
import { getEvent } from "@/lib/events/get-event.ts";
import { updateEvent } from "@/lib/events/update-event.ts";
import { readJson, routes, param } from "@/lib/http/route.ts";

function scopeOf(request: Request) {
  const scope = new URL(request.url).searchParams.get("scope");
  return scope === null ? undefined : EditScope.parse(scope);
}

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: async (request, context) => {
    const { userId } = await requireUser(request);
    // An occurrence id (`eventId:originalStart`) reads its series master.
    const eventId = (await param(context, "id")).split(":")[0] ?? "";
    const event = await getEvent({ userId, eventId });
    return Response.json(event, { headers: { ETag: event.etag } });
  },
  // Partial fields; an occurrence id (`eventId:originalStart`) takes ?scope=this|following|all.
  PATCH: async (request, context) => {
    const { userId } = await requireUser(request);
    const input = await readJson(request, PatchEventInput);
    const edited = await updateEvent({
      userId,
      id: await param(context, "id"),
      input,
      scope: scopeOf(request),
      ifMatch: request.headers.get("if-match"),
    });
    const event = await serializeEditedEvent(edited);
    return Response.json(event, { headers: { ETag: event.etag } });
  },
  DELETE: async (request, context) => {
    const { userId } = await requireUser(request);
    await deleteEvent({
      userId,
      id: await param(context, "id"),
      scope: scopeOf(request),
      ifMatch: request.headers.get("if-match"),
    });
    return new Response(null, { status: 204 });
  },
});
