/**
 * Starts a real Xandikos (Debian package) on a free loopback port with a throw-away,
 * git-backed store: `xandikos --defaults -d DIR -l 127.0.0.1 -p PORT` (docs/stack.md). No auth.
 * `--defaults` creates the principal `/user/` with `/user/calendars/calendar/`.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { findFreePort, stopProcess, waitForHttp } from "./caldav-client.ts";
import { allowPrivateHost } from "./allow-private-host.ts";

const run = promisify(execFile);

export interface XandikosServer {
  url: string;
  port: number;
  storageDir: string;
  /** The calendar `--defaults` creates: `http://.../user/calendars/calendar/`. */
  defaultCalendarUrl: string;
  /** `http://.../user/calendars/<name>/`. */
  calendarUrl(params: { calendar: string }): string;
  /** Folder (a git repository) that stores the named calendar. */
  calendarDir(params: { calendar: string }): string;
  stop(): Promise<void>;
}

export async function startXandikos(): Promise<XandikosServer> {
  const storageDir = await mkdtemp(path.join(tmpdir(), "concord-xandikos-"));
  const port = await findFreePort();
  const child: ChildProcess = spawn(
    "/usr/bin/xandikos",
    ["--defaults", "-d", storageDir, "-l", "127.0.0.1", "-p", String(port)],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}/`;
  allowPrivateHost(`127.0.0.1:${port}`);
  try {
    await waitForHttp({ url, child, describe: () => stderr });
  } catch (error) {
    await stopProcess(child);
    await rm(storageDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    port,
    storageDir,
    defaultCalendarUrl: `${url}user/calendars/calendar/`,
    calendarUrl: ({ calendar }) => `${url}user/calendars/${calendar}/`,
    calendarDir: ({ calendar }) => path.join(storageDir, "user", "calendars", calendar),
    async stop() {
      await stopProcess(child);
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes `.ics` files straight into a Xandikos calendar's git repository and commits them in
 * one commit (Xandikos serves the committed tree). One PUT per item costs a commit that
 * rebuilds the whole tree (docs/design.md "Measured on Radicale 3.1 and Xandikos 0.2"), so large seeds go through git.
 */
export async function commitXandikosObjects(params: {
  server: XandikosServer;
  calendar: string;
  objects: Array<{ name: string; ical: string }>;
  message?: string;
}): Promise<void> {
  const dir = params.server.calendarDir({ calendar: params.calendar });
  for (const object of params.objects) {
    await writeFile(path.join(dir, object.name), object.ical);
  }
  const git = (args: string[]) =>
    run("git", ["-C", dir, "-c", "user.name=seed", "-c", "user.email=seed@localhost", ...args], {
      maxBuffer: 64 * 1024 * 1024,
    });
  // Add in chunks: 10k file names do not fit one argument list comfortably.
  const names = params.objects.map((o) => o.name);
  for (let i = 0; i < names.length; i += 500) {
    await git(["add", "--", ...names.slice(i, i + 500)]);
  }
  await git(["commit", "-q", "-m", params.message ?? "seed"]);
}
