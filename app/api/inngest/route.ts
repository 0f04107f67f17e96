import { serve } from "inngest/next";
import { inngest } from "../../../lib/jobs/client.ts";
import { functions } from "../../../lib/jobs/functions/index.ts";

// Inngest calls this endpoint to register the functions (PUT), inspect them (GET) and run
// their steps (POST). Every POST must carry a valid X-Inngest-Signature made with
// INNGEST_SIGNING_KEY; the SDK refuses anything else (docs/deployment.md).
export const { GET, POST, PUT } = serve({ client: inngest, functions });
