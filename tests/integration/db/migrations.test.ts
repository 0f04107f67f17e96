import { mkdtempSync, rmSync, writeFileSync, mkdirSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, listMigrations, migrationsDir, MigrationError } from "../../../lib/db/migrate.ts";
import { diffDatabaseToSchema } from "../../../lib/db/schema-engine.ts";
import { openPostgresExecutor, pgliteExecutor, type SqlExecutor } from "../../../lib/db/sql-executor.ts";
import { createPostgresDatabase, dropPostgresDatabase } from "../../helpers/test-db.ts";

async function tableNames(executor: SqlExecutor): Promise<string[]> {
  const rows = await executor.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((row) => row.table_name);
}

describe.each(["pglite", "postgres"] as const)("migrations on %s", (kind) => {
  let executor: SqlExecutor;
  let pglite: PGlite | undefined;
  let url: string | undefined;
  let scratch: string;

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), "concord-migrations-"));
    if (kind === "pglite") {
      pglite = await PGlite.create();
      executor = pgliteExecutor(pglite, false);
    } else {
      // A database with nothing applied: create one, then empty it.
      url = await createPostgresDatabase();
      executor = await openPostgresExecutor(url);
      await executor.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    }
  });

  afterAll(async () => {
    await executor.close();
    await pglite?.close();
    if (url) await dropPostgresDatabase(url);
    rmSync(scratch, { recursive: true, force: true });
  });

  it("applies every migration on a fresh database, in order", async () => {
    const applied = await applyMigrations(executor);
    expect(applied).toEqual(listMigrations().map((m) => m.name));
    expect(applied.length).toBeGreaterThan(0);
    const tables = await tableNames(executor);
    for (const table of [
      "User",
      "ApiToken",
      "Connection",
      "Calendar",
      "Event",
      "PendingChange",
      "Conflict",
      "WatchChannel",
      "SyncRun",
      "_prisma_migrations",
    ]) {
      expect(tables).toContain(table);
    }
  });

  it("re-applying is a no-op", async () => {
    expect(await applyMigrations(executor)).toEqual([]);
    const history = await executor.query<{ n: number }>('SELECT count(*)::int AS n FROM "_prisma_migrations"');
    expect(history[0]?.n).toBe(listMigrations().length);
  });

  it("rolls back a failing migration and records nothing", async () => {
    const dir = path.join(scratch, "broken");
    cpSync(migrationsDir, dir, { recursive: true });
    mkdirSync(path.join(dir, "99999999999999_broken"));
    writeFileSync(
      path.join(dir, "99999999999999_broken", "migration.sql"),
      'CREATE TABLE "Half" (id int); SELECT no_such_function();',
    );
    await expect(applyMigrations(executor, dir)).rejects.toBeInstanceOf(MigrationError);
    expect(await tableNames(executor)).not.toContain("Half");
    const history = await executor.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE migration_name = '99999999999999_broken'`,
    );
    expect(history[0]?.n).toBe(0);
  });

  it("refuses an applied migration whose file was edited", async () => {
    const dir = path.join(scratch, "edited");
    cpSync(migrationsDir, dir, { recursive: true });
    const first = listMigrations()[0]?.name as string;
    writeFileSync(path.join(dir, first, "migration.sql"), "-- edited\n");
    await expect(applyMigrations(executor, dir)).rejects.toThrow(/changed after it was applied/);
  });
});

describe("schema drift", () => {
  it("the migrated database matches prisma/schema.prisma", async () => {
    const pglite = await PGlite.create();
    try {
      await applyMigrations(pgliteExecutor(pglite, false));
      expect(await diffDatabaseToSchema(pglite)).toBe("");
    } finally {
      await pglite.close();
    }
  });

  it("detects a schema change that has no migration", async () => {
    const pglite = await PGlite.create();
    try {
      await applyMigrations(pgliteExecutor(pglite, false));
      const { readFileSync } = await import("node:fs");
      const { schemaPath } = await import("../../../lib/db/schema-engine.ts");
      const changed = readFileSync(schemaPath, "utf8").replace("model User {", "model User {\n  nickname String?");
      expect(await diffDatabaseToSchema(pglite, changed)).toMatch(/nickname/);
    } finally {
      await pglite.close();
    }
  });
});
