import { requireUser } from "@/lib/auth/require-user.ts";
import { listCalendars } from "@/lib/calendars/list-calendars.ts";
import { routes } from "@/lib/http/route.ts";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: async (request) => {
    const { userId } = await requireUser(request);
    return Response.json({ items: await listCalendars({ userId }) });
  },
});
