import { handleGoogleWebhook } from "@/lib/google-connection/handle-google-webhook.ts";
import { routes } from "@/lib/http/route.ts";

/** POST /api/webhooks/google: Google push notifications (headers only); see handleGoogleWebhook. */
export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: async (request) => {
    const { status } = await handleGoogleWebhook({ headers: request.headers });
    return new Response(null, { status });
  },
});
