import { requireUser } from "@/lib/auth/require-user.ts";
import { param, routes } from "@/lib/http/route.ts";
import { confirmDeletions } from "@/lib/sync/confirm-deletions.ts";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: async (request, context) => {
    const { userId } = await requireUser(request);
    return Response.json(await confirmDeletions({ userId, calendarId: await param(context, "id") }));
  },
});
