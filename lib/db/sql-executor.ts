import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { claimDataFolder, releaseDataFolder } from "./claim-data-folder.ts";

/** The little the migration runner needs of a database connection, for PGlite and PostgreSQL alike. */
export interface SqlExecutor {
  /** Runs one or more statements; no parameters. */
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function openPostgresExecutor(connectionString: string): Promise<SqlExecutor> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    close: () => client.end(),
  };
}

export function pgliteExecutor(pglite: PGlite, ownsInstance: boolean): SqlExecutor {
  return {
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
    close: async () => {
      if (ownsInstance) await pglite.close();
    },
  };
}

export async function openPgliteExecutor(dir: string): Promise<SqlExecutor> {
  mkdirSync(dir, { recursive: true });
  claimDataFolder(dir);
  const pglite = await PGlite.create(dir);
  const executor = pgliteExecutor(pglite, true);
  return {
    ...executor,
    close: async () => {
      await executor.close();
      releaseDataFolder(dir);
    },
  };
}
