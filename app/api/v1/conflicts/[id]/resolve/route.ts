import { requireUser } from "@/lib/auth/require-user.ts";
import { resolveConflict, ResolveConflictInput } from "@/lib/conflicts/resolve-conflict.ts";
import { serializeEditedEvent } from "@/lib/events/edit-serialize.ts";
import { param, readJson, routes } from "@/lib/http/route.ts";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: async (request, context) => {
    const { userId } = await requireUser(request);
    const input = await readJson(request, ResolveConflictInput);
    const { event, copy } = await resolveConflict({ userId, conflictId: await param(context, "id"), input });
    return Response.json({
      event: await serializeEditedEvent(event),
      ...(copy ? { copy: await serializeEditedEvent(copy) } : {}),
    });
  },
});
