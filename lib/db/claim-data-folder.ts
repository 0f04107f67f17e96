/**
 * One process per embedded database. PGlite is PostgreSQL compiled into this process: a second
 * process opening the same folder would run a second PostgreSQL over the same files and
 * corrupt them, and PGlite itself does not stop it. So the process that opens the folder
 * writes its pid into `<folder>.lock`, and any other live process is refused with a sentence
 * that says what to do. A lock left by a process that died is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";

// Claims per folder in this process: the migration runner and the Prisma client may both hold
// one. On globalThis because Next loads a module once per bundle, and all share one process.
const holder = globalThis as typeof globalThis & { __concordDataFolderClaims?: Map<string, number> };
const held = (holder.__concordDataFolderClaims ??= new Map<string, number>());

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function lockPath(folder: string): string {
  return `${folder.replace(/[\\/]+$/, "")}.lock`;
}

/** The pid written in the folder's lock, or null. */
function lockHolder(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export class DataFolderInUse extends Error {}

/** Claims `folder` for this process (idempotent); throws DataFolderInUse when another live process holds it. */
export function claimDataFolder(folder: string): void {
  const count = held.get(folder) ?? 0;
  if (count > 0) {
    held.set(folder, count + 1);
    return;
  }
  const path = lockPath(folder);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: "wx" });
      held.set(folder, 1);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = lockHolder(path);
    if (owner === process.pid) {
      held.set(folder, 1);
      return;
    }
    if (owner !== null && isAlive(owner)) {
      throw new DataFolderInUse(
        `Another Concord process (pid ${owner}) is using the embedded database in ${folder}. ` +
          "Stop it first; to run several processes on one database, use PostgreSQL (DATABASE_URL).",
      );
    }
    // Left behind by a process that died: take it over.
    rmSync(path, { force: true });
  }
  throw new DataFolderInUse(`Could not claim the embedded database in ${folder}; try again.`);
}

/** Gives one claim back; the last one of the process removes the lock. */
export function releaseDataFolder(folder: string): void {
  const count = held.get(folder) ?? 0;
  if (count === 0) return;
  if (count > 1) {
    held.set(folder, count - 1);
    return;
  }
  held.delete(folder);
  const path = lockPath(folder);
  if (lockHolder(path) === process.pid) rmSync(path, { force: true });
}
