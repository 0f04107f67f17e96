// Authoring migrations without Prisma's native engine: applies prisma/migrations to a throw-away
// in-memory PGlite and prints the SQL that brings it to schema.prisma. With `--name <what>` the
// SQL is written as the next migration folder.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { applyMigrations, migrationsDir } from "../lib/db/migrate.ts";
import { diffDatabaseToSchema } from "../lib/db/schema-engine.ts";
import { pgliteExecutor } from "../lib/db/sql-executor.ts";

const { values } = parseArgs({ options: { name: { type: "string" } } });
const pglite = await PGlite.create();
await applyMigrations(pgliteExecutor(pglite, false));
const sql = await diffDatabaseToSchema(pglite);
await pglite.close();

if (!sql) {
  console.log("prisma/migrations already match prisma/schema.prisma.");
} else if (!values.name) {
  process.stdout.write(sql);
} else {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = path.join(migrationsDir, `${stamp}_${values.name.replace(/\W+/g, "_")}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), sql);
  console.log(`Wrote ${path.relative(process.cwd(), folder)}/migration.sql`);
}
process.exit(0);
