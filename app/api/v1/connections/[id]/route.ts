import { requireUser } from "@/lib/auth/require-user.ts";
import { deleteConnection } from "@/lib/connections/delete-connection.ts";
import { param, routes } from "@/lib/http/route.ts";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  DELETE: async (request, context) => {
    const { userId } = await requireUser(request);
    await deleteConnection({ userId, connectionId: await param(context, "id") });
    return new Response(null, { status: 204 });
  },
});
