import { requireUser } from "@/lib/auth/require-user.ts";
import { MoveEventInput } from "@/lib/events/edit-input.ts";
import { serializeEditedEvent } from "@/lib/events/edit-serialize.ts";
import { moveEvent } from "@/lib/events/move-event.ts";
import { param, readJson, routes } from "@/lib/http/route.ts";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  // The event now lives in the target calendar: a create there and a delete in the source, pushed in the background.
  POST: async (request, context) => {
    const { userId } = await requireUser(request);
    const { calendarId } = await readJson(request, MoveEventInput);
    const moved = await moveEvent({
      userId,
      eventId: await param(context, "id"),
      calendarId,
      ifMatch: request.headers.get("if-match"),
    });
    const event = await serializeEditedEvent(moved.event);
    return Response.json({ ...event, warnings: moved.warnings }, { headers: { ETag: event.etag } });
  },
});
