import { requireUser } from "@/lib/auth/require-user.ts";
import { routes } from "@/lib/http/route.ts";
import { liveStreamResponse } from "@/lib/live/live-stream.ts";
import { readLiveState } from "@/lib/live/read-live-state.ts";

// A long-lived response, different for every request and person: never prerendered or cached.
export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: async (request) => {
    const { userId } = await requireUser(request);
    // `?once=true`: the same tokens as one JSON answer, for clients polling instead of listening.
    const once = new URL(request.url).searchParams.get("once");
    if (once === "true" || once === "1") {
      return Response.json(await readLiveState({ userId }), { headers: { "Cache-Control": "no-store" } });
    }
    return liveStreamResponse({ userId, signal: request.signal });
  },
});
