import { z } from "zod";
import { requireUser } from "@/lib/auth/require-user.ts";
import { listConflicts } from "@/lib/conflicts/list-conflicts.ts";
import { routes } from "@/lib/http/route.ts";

const Status = z.enum(["open", "resolved"]).optional();

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: async (request) => {
    const { userId } = await requireUser(request);
    const status = Status.parse(new URL(request.url).searchParams.get("status") ?? undefined);
    return Response.json({ items: await listConflicts({ userId, status }) });
  },
});
