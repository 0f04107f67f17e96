/**
 * `npm start` with INNGEST_DEV refuses to start a production server (it would serve
 * /api/inngest without signature checks), before touching the database or building.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
let dataDir: string;

function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "scripts", "start.ts")], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: "", CONCORD_DATA_DIR: dataDir, PORT: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "concord-inngest-dev-"));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("INNGEST_DEV on a production server", () => {
  it("is refused at start with a sentence, exit code non-zero, nothing opened", async () => {
    const { code, output } = await start({ INNGEST_DEV: "1" });
    expect(code).not.toBe(0);
    expect(output).toMatch(/Refusing to start: INNGEST_DEV is set on a production server/);
    expect(output).toMatch(/CONCORD_ALLOW_INNGEST_DEV_IN_PRODUCTION=1/);
    // Refused before migrating: the data folder stays empty.
    expect(await readdir(dataDir)).toEqual([]);
  });
});
