import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { useDb } from "../../lib/db/client.ts";
import { PrismaClient } from "../../lib/db/generated/client.ts";
import { applyMigrations } from "../../lib/db/migrate.ts";
import { openPostgresExecutor, pgliteExecutor } from "../../lib/db/sql-executor.ts";

export type TestDbKind = "pglite" | "postgres";

/** Data-layer suites run once per kind (`describe.each(testDbKinds)`). */
export const testDbKinds: TestDbKind[] = ["pglite", "postgres"];

export interface TestDb {
  kind: TestDbKind;
  prisma: PrismaClient;
  /** PostgreSQL URL of this database (postgres kind only). */
  url?: string;
  /** The PGlite instance (pglite kind only). */
  pglite?: PGlite;
  close(): Promise<void>;
}

/** Server the postgres kind creates its throw-away databases on. */
export const testPostgresUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

// A fresh PGlite runs initdb (seconds); a migrated template is dumped once per process and
// each test database is loaded from it.
let pgliteTemplate: Promise<File | Blob> | undefined;

async function migratedPgliteTemplate(): Promise<File | Blob> {
  pgliteTemplate ??= (async () => {
    const pglite = await PGlite.create();
    await applyMigrations(pgliteExecutor(pglite, false));
    const dump = await pglite.dumpDataDir("none");
    await pglite.close();
    return dump;
  })();
  return pgliteTemplate;
}

async function createPglite(): Promise<TestDb> {
  const pglite = await PGlite.create({ loadDataDir: await migratedPgliteTemplate() });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: "pglite",
    prisma,
    pglite,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates (and migrates) a throw-away PostgreSQL database; the caller drops it with `dropPostgresDatabase`. */
export async function createPostgresDatabase(): Promise<string> {
  const name = `concord_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(testPostgresUrl, name);
  const executor = await openPostgresExecutor(url);
  try {
    await applyMigrations(executor);
  } finally {
    await executor.close();
  }
  return url;
}

export async function dropPostgresDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function createPostgres(): Promise<TestDb> {
  const url = await createPostgresDatabase();
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  return {
    kind: "postgres",
    prisma,
    url,
    close: async () => {
      await prisma.$disconnect();
      await dropPostgresDatabase(url);
    },
  };
}

/**
 * A fresh, migrated database of the given kind, installed as `db()` until closed.
 * Use in `beforeEach`/`beforeAll` and close it in the matching `after*` hook.
 */
export async function createTestDb(kind: TestDbKind = "pglite"): Promise<TestDb> {
  const testDb = kind === "pglite" ? await createPglite() : await createPostgres();
  useDb(testDb.prisma);
  return {
    ...testDb,
    close: async () => {
      useDb(undefined);
      await testDb.close();
    },
  };
}
