import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { claimDataFolder, releaseDataFolder } from "./claim-data-folder.ts";
import { dbKind, pgliteDir } from "./config.ts";
import { PrismaClient } from "./generated/client.ts";

export type Db = PrismaClient;

// One client per process, kept on globalThis: PGlite allows one instance per data folder and
// Next's dev server re-evaluates modules (docs/stack.md).
const holder = globalThis as typeof globalThis & {
  __concordDb?: { client: PrismaClient; pglite?: PGlite };
  __concordDbOverride?: PrismaClient;
};

function createClient(): { client: PrismaClient; pglite?: PGlite } {
  if (dbKind() === "postgres") {
    const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL as string });
    return { client: new PrismaClient({ adapter }) };
  }
  mkdirSync(pgliteDir(), { recursive: true });
  claimDataFolder(pgliteDir());
  const pglite = new PGlite(pgliteDir());
  return { client: new PrismaClient({ adapter: new PrismaPGlite(pglite) }), pglite };
}

/** The process-wide Prisma client (or the one a test installed with `useDb`). */
export function db(): PrismaClient {
  if (holder.__concordDbOverride) return holder.__concordDbOverride;
  holder.__concordDb ??= createClient();
  return holder.__concordDb.client;
}

/** Installs `client` as `db()` (tests, scripts); `undefined` restores the configured one. */
export function useDb(client: PrismaClient | undefined): void {
  holder.__concordDbOverride = client;
}

/** Closes the configured client and its PGlite instance (an open PGlite keeps a process alive). */
export async function closeDb(): Promise<void> {
  const current = holder.__concordDb;
  holder.__concordDb = undefined;
  if (!current) return;
  await current.client.$disconnect();
  if (current.pglite) {
    await current.pglite.close();
    releaseDataFolder(pgliteDir());
  }
}
