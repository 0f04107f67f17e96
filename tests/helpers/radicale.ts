/**
 * Starts a real Radicale (Debian package, `/usr/bin/python3 -m radicale`) on a free loopback
 * port with throw-away storage, htpasswd plain auth and owner_only rights (docs/stack.md
 * "tsdav and Radicale"). The `python3` first on PATH lacks Radicale, hence the absolute path.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { findFreePort, stopProcess, waitForHttp } from "./caldav-client.ts";
import { allowPrivateHost } from "./allow-private-host.ts";

export interface RadicaleServer {
  /** Server root, e.g. `http://127.0.0.1:PORT/`. */
  url: string;
  port: number;
  users: Record<string, string>;
  storageDir: string;
  /** Folder holding `<user>/<calendar>/` collection folders (Radicale's `collection-root`). */
  collectionRoot: string;
  /** Collection URL `http://.../<user>/<calendar>/` (trailing slash). */
  calendarUrl(params: { user: string; calendar: string }): string;
  stop(): Promise<void>;
}

export interface StartRadicaleParams {
  users?: Record<string, string>;
  /**
   * Contents of a Radicale `from_file` rights file; when set it replaces owner_only (used to
   * make a collection read-only for its owner).
   */
  rightsFile?: string;
}

export async function startRadicale(params: StartRadicaleParams = {}): Promise<RadicaleServer> {
  const users = params.users ?? { alice: "alice-password" };
  const storageDir = await mkdtemp(path.join(tmpdir(), "concord-radicale-"));
  const port = await findFreePort();
  const htpasswd = path.join(storageDir, "htpasswd");
  await writeFile(
    htpasswd,
    Object.entries(users)
      .map(([name, pw]) => `${name}:${pw}\n`)
      .join(""),
  );
  const collections = path.join(storageDir, "collections");
  await mkdir(collections, { recursive: true });
  let rights = "type = owner_only";
  if (params.rightsFile !== undefined) {
    const rightsPath = path.join(storageDir, "rights");
    await writeFile(rightsPath, params.rightsFile);
    rights = `type = from_file\nfile = ${rightsPath}`;
  }
  const config = path.join(storageDir, "config");
  await writeFile(
    config,
    [
      "[server]",
      `hosts = 127.0.0.1:${port}`,
      "[auth]",
      "type = htpasswd",
      `htpasswd_filename = ${htpasswd}`,
      "htpasswd_encryption = plain",
      // Radicale delays failed logins by default; tests try wrong passwords on purpose.
      "delay = 0",
      "[storage]",
      `filesystem_folder = ${collections}`,
      "[rights]",
      rights,
      "[web]",
      "type = none",
      "[logging]",
      "level = warning",
      "",
    ].join("\n"),
  );
  const child: ChildProcess = spawn("/usr/bin/python3", ["-m", "radicale", "--config", config], {
    stdio: ["ignore", "ignore", "pipe"],
  });
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
  const collectionRoot = path.join(collections, "collection-root");
  return {
    url,
    port,
    users,
    storageDir,
    collectionRoot,
    calendarUrl: ({ user, calendar }) => `${url}${user}/${calendar}/`,
    async stop() {
      await stopProcess(child);
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates a calendar collection directly in Radicale's storage (no HTTP): the way to seed
 * large calendars or collections the user may not write (rights file). Radicale reads the
 * folder on every request, so the server sees it at once.
 */
export async function createRadicaleCollectionOnDisk(params: {
  server: RadicaleServer;
  user: string;
  calendar: string;
  components?: string;
  displayName?: string;
  color?: string;
}): Promise<string> {
  const dir = path.join(params.server.collectionRoot, params.user, params.calendar);
  await mkdir(dir, { recursive: true });
  const props: Record<string, string> = {
    tag: "VCALENDAR",
    "C:supported-calendar-component-set": params.components ?? "VEVENT",
  };
  if (params.displayName) props["D:displayname"] = params.displayName;
  if (params.color) props["ICAL:calendar-color"] = params.color;
  await writeFile(path.join(dir, ".Radicale.props"), JSON.stringify(props));
  return dir;
}
