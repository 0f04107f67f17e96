import { z } from "zod";
import { listApiTokens } from "@/lib/auth/api-tokens.ts";
import { clientAddress } from "@/lib/auth/client-address.ts";
import { issueApiToken } from "@/lib/auth/issue-api-token.ts";
import { requireUser } from "@/lib/auth/require-user.ts";
import { readJson, routes } from "@/lib/http/route.ts";

const CreateToken = z.object({
  email: z.string().optional(),
  password: z.string().optional(),
  name: z.string().max(100).optional(),
  expiresAt: z.string().max(64).optional(),
  expiresInDays: z.number().optional(),
});

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: async (request) => {
    const { userId } = await requireUser(request);
    return Response.json({ items: await listApiTokens({ userId }) });
  },
  // Email + password (scripts), or a browser session (the settings page); never another token.
  POST: async (request) => {
    const input = await readJson(request, CreateToken);
    const { id, token, expiresAt } = await issueApiToken({ request, input, client: clientAddress(request.headers) });
    return Response.json({ token, id, expiresAt }, { status: 201 });
  },
});
