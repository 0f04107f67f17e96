import path from "node:path";

/** Where embedded state lives: PGlite files and generated secrets (docs/api.md "Commands and configuration"). */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.CONCORD_DATA_DIR || ".data");
}

export function pgliteDir(): string {
  return path.join(dataDir(), "pglite");
}

export type DbKind = "pglite" | "postgres";

export function dbKind(): DbKind {
  return process.env.DATABASE_URL ? "postgres" : "pglite";
}
