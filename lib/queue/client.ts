import { Inngest } from "inngest";

/**
 * The Inngest client. Keys and the server address come from the environment the SDK reads
 * itself (INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY, INNGEST_BASE_URL, INNGEST_DEV), so nothing
 * secret passes through Concord's code; see docs/deployment.md.
 */
export const inngest = new Inngest({ id: "concord" });
