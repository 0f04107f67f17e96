import { revokeApiToken } from "@/lib/auth/api-tokens.ts";
import { requireUser } from "@/lib/auth/require-user.ts";
import { param, routes } from "@/lib/http/route.ts";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  DELETE: async (request, context) => {
    const { userId } = await requireUser(request);
    await revokeApiToken({ userId, id: await param(context, "id") });
    return new Response(null, { status: 204 });
  },
});
