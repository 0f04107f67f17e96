import { requireUser } from "@/lib/auth/require-user.ts";
import { param, routes } from "@/lib/http/route.ts";
import { syncCalendars } from "@/lib/sync/sync-calendars.ts";
import { syncResponse, wantsWait } from "@/lib/sync/sync-response.ts";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: async (request, context) => {
    const { userId } = await requireUser(request);
    const calendarId = await param(context, "id");
    return syncResponse(await syncCalendars({ userId, calendarIds: [calendarId], wait: wantsWait(request) }));
  },
});
