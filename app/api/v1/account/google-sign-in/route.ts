import { requireUser } from "@/lib/auth/require-user.ts";
import { hasGoogleSignIn } from "@/lib/auth/resolve-google-sign-in.ts";
import { startGoogleLink } from "@/lib/auth/start-google-link.ts";
import { routes } from "@/lib/http/route.ts";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: async (request) => {
    const { userId } = await requireUser(request);
    return Response.json({ linked: await hasGoogleSignIn({ userId }) });
  },
  // Starts a link: the browser then runs next-auth's Google sign-in, which links this account.
  POST: async (request) => {
    const { setCookie } = await startGoogleLink({ request });
    return Response.json({ started: true }, { headers: { "Set-Cookie": setCookie } });
  },
});
