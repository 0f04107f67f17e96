import { z } from "zod";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens.ts";
import { requireUser } from "@/lib/auth/require-user.ts";
import { verifyCredentials } from "@/lib/auth/verify-credentials.ts";
import { readJson, routes } from "@/lib/http/route.ts";

const CreateToken = z.object({
  email: z.string().optional(),
  password: z.string().optional(),
  name: z.string().max(100).optional(),
});

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: async (request) => {
    const { userId } = await requireUser(request);
    return Response.json({ items: await listApiTokens({ userId }) });
  },
  // Email + password (scripts), or an existing session / token (the settings page).
  POST: async (request) => {
    const input = await readJson(request, CreateToken);
    const userId =
      input.email !== undefined || input.password !== undefined
        ? (await verifyCredentials({ email: input.email ?? "", password: input.password ?? "" })).id
        : (await requireUser(request)).userId;
    const { id, token } = await createApiToken({ userId, name: input.name });
    return Response.json({ token, id }, { status: 201 });
  },
});
