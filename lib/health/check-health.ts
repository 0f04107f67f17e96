import { db } from "../db/client.ts";
import { dbKind } from "../db/config.ts";
import { jobsRunnerKind } from "../queue/runner-kind.ts";

export async function checkHealth(): Promise<{ ok: boolean; db: "pglite" | "postgres"; jobs: "inngest" | "embedded" }> {
  let ok = true;
  try {
    await db().$queryRaw`SELECT 1`;
  } catch {
    ok = false;
  }
  return { ok, db: dbKind(), jobs: jobsRunnerKind() };
}
