import { checkHealth } from "@/lib/health/check-health.ts";
import { routes } from "@/lib/http/route.ts";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: async () => {
    const health = await checkHealth();
    return Response.json(health, { status: health.ok ? 200 : 503 });
  },
});
