/**
 * One process per embedded (PGlite) database: a second `npm start` on the same data folder stops
 * with a sentence instead of running a second PostgreSQL over the same files; a lock left by a
 * process that died is taken over.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { claimDataFolder, releaseDataFolder } from "../../../lib/db/claim-data-folder.ts";

const root = path.resolve(import.meta.dirname, "../../..");
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "concord-lock-"));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

function runScript(script: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, CONCORD_DATA_DIR: dataDir, PORT: "1" };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, [path.join(root, "scripts", script)], { cwd: root, env, encoding: "utf8" });
}

describe("the embedded database's data folder", () => {
  it("refuses npm start while another live process holds it, in one sentence", () => {
    const folder = path.join(dataDir, "pglite");
    claimDataFolder(folder);
    try {
      const result = runScript("start.ts");
      expect(result.status).toBe(1);
      // The last line: a warning about generated secrets may come first.
      expect(result.stderr.trim().split("\n").at(-1)).toBe(
        `Another Concord process (pid ${process.pid}) is using the embedded database in ${folder}. ` +
          "Stop it first; to run several processes on one database, use PostgreSQL (DATABASE_URL).",
      );
    } finally {
      releaseDataFolder(folder);
    }
  });

  it("is free again once the holder lets go, and a dead holder's lock is taken over", async () => {
    const folder = path.join(dataDir, "pglite");
    claimDataFolder(folder);
    releaseDataFolder(folder);
    expect(runScript("db-migrate.ts").status).toBe(0);

    const dead = spawn(process.execPath, ["-e", ""]);
    const deadPid = dead.pid!;
    await new Promise((resolve) => dead.on("exit", resolve));
    writeFileSync(`${folder}.lock`, `${deadPid}\n`);
    const again = runScript("db-migrate.ts");
    expect(again.stderr).not.toContain("Another Concord process");
    expect(again.status).toBe(0);
    // Two PGlite first starts (initdb) in child processes: slow on a busy 2-core machine.
  }, 300_000);
});
