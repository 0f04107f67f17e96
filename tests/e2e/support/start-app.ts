/**
 * Runs Concord the way a person does (`npm start` = `node scripts/start.ts`): a fresh PGlite
 * data folder, a free port, embedded jobs; resolves once /api/health answers.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { findFreePort } from "../../helpers/caldav-client.ts";

export interface RunningApp {
  url: string;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
}

const root = path.resolve(import.meta.dirname, "../../..");

async function waitForHealth(params: { url: string; child: ChildProcess; output: () => string }): Promise<void> {
  // A first start builds the app (~30-60 s on 2 cores) before serving.
  const deadline = Date.now() + 480_000;
  while (Date.now() < deadline) {
    if (params.child.exitCode !== null) {
      throw new Error(`npm start exited with ${params.child.exitCode}:\n${params.output().slice(-3000)}`);
    }
    try {
      const response = await fetch(`${params.url}/api/health`);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Concord did not become healthy in time:\n${params.output().slice(-3000)}`);
}

export async function startApp(params: { env?: Record<string, string> } = {}): Promise<RunningApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "concord-e2e-"));
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    CONCORD_DATA_DIR: dataDir,
    APP_URL: url,
    NEXTAUTH_URL: url,
    NEXT_TELEMETRY_DISABLED: "1",
    // Every server these tests start (Radicale, Xandikos, proxies) listens on loopback, which
    // the outbound guard refuses unless the operator allows it, as here.
    CONCORD_ALLOW_PRIVATE_HOSTS: "127.0.0.1",
  };
  // Nothing of the machine's own setup leaks in; a test that wants Google passes it in `env`.
  delete env.DATABASE_URL;
  delete env.GOOGLE_CLIENT_ID;
  delete env.GOOGLE_CLIENT_SECRET;
  delete env.INNGEST_EVENT_KEY;
  delete env.INNGEST_SIGNING_KEY;
  delete env.INNGEST_DEV;
  delete env.INNGEST_BASE_URL;
  Object.assign(env, params.env);
  // Own process group, so stop() also ends the `next start` child.
  const child = spawn(process.execPath, ["scripts/start.ts"], {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
      const timer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }, 8000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth({ url, child, output: () => output });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, dataDir, output: () => output, stop };
}
