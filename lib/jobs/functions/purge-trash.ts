import { purgeTrash } from "../../trash/purge-trash.ts";
import { inngest } from "../../queue/client.ts";

/** Daily: deleted events older than the Trash's 30 days are removed for good. */
export const purgeTrashFunction = inngest.createFunction(
  { id: "purge-trash", triggers: [{ cron: "17 4 * * *" }], concurrency: 1, retries: 2 },
  async ({ step }) => {
    const result = await step.run("purge-trash", () => purgeTrash());
    return { result };
  },
);
