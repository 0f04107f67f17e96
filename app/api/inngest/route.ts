import type { NextRequest } from "next/server";
import { serve } from "inngest/next";
import { inngest } from "../../../lib/queue/client.ts";
import { functions } from "../../../lib/jobs/functions/index.ts";
import { jobsRunnerKind } from "../../../lib/queue/runner-kind.ts";

// Inngest calls this endpoint to register the functions (PUT), inspect them (GET) and run
// their steps (POST). Every request must carry a valid X-Inngest-Signature made with
// INNGEST_SIGNING_KEY (unless INNGEST_DEV is set); the SDK refuses anything else.
const handlers = serve({ client: inngest, functions });

type Handler = (request: NextRequest, context: unknown) => Promise<Response>;

// Without Inngest configured the functions run in-process (instrumentation.ts) and nothing
// may call them from outside: answer like any unknown API path instead of the SDK's 500.
function whenInngest(handler: Handler): Handler {
  return async (request, context) =>
    jobsRunnerKind() === "inngest"
      ? handler(request, context)
      : Response.json(
          { error: { code: "not_found", message: "Inngest is not configured; background jobs run in this server." } },
          { status: 404 },
        );
}

export const GET = whenInngest(handlers.GET as Handler);
export const POST = whenInngest(handlers.POST as Handler);
export const PUT = whenInngest(handlers.PUT as Handler);
