import { dbKind, pgliteDir, type DbKind } from "./config.ts";
import { applyMigrations } from "./migrate.ts";
import { openPgliteExecutor, openPostgresExecutor } from "./sql-executor.ts";

/** Migrates the configured database (DATABASE_URL, else PGlite in the data folder). */
export async function migrateDatabase(): Promise<{ kind: DbKind; applied: string[] }> {
  const kind = dbKind();
  const executor =
    kind === "postgres"
      ? await openPostgresExecutor(process.env.DATABASE_URL as string)
      : await openPgliteExecutor(pgliteDir());
  try {
    return { kind, applied: await applyMigrations(executor) };
  } finally {
    await executor.close();
  }
}
