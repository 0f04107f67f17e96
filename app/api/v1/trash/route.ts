import { requireUser } from "@/lib/auth/require-user.ts";
import { routes } from "@/lib/http/route.ts";
import { listTrash } from "@/lib/trash/list-trash.ts";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  // The person's deleted events of the last 30 days, newest first.
  GET: async (request) => {
    const { userId } = await requireUser(request);
    return Response.json({ items: await listTrash({ userId }) });
  },
});
