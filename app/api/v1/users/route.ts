import { z } from "zod";
import { clientAddress } from "@/lib/auth/client-address.ts";
import { signUp } from "@/lib/auth/sign-up.ts";
import { refuseCrossSiteForm } from "@/lib/http/refuse-cross-origin.ts";
import { readJson, routes } from "@/lib/http/route.ts";

const SignUp = z.object({
  email: z.email().max(254),
  password: z.string(),
  name: z.string().max(200).optional(),
});

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: async (request) => {
    refuseCrossSiteForm(request);
    const input = await readJson(request, SignUp);
    const user = await signUp({ ...input, client: clientAddress(request.headers) });
    return Response.json({ user }, { status: 201 });
  },
});
