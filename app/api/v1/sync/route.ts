import { requireUser } from "@/lib/auth/require-user.ts";
import { routes } from "@/lib/http/route.ts";
import { syncCalendars } from "@/lib/sync/sync-calendars.ts";
import { syncResponse, wantsWait } from "@/lib/sync/sync-response.ts";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: async (request) => {
    const { userId } = await requireUser(request);
    return syncResponse(await syncCalendars({ userId, wait: wantsWait(request) }));
  },
});
