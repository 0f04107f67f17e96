/**
 * CPU profile of the engine's full CalDAV pull: `node bench/caldav/profile-engine-pull.ts
 * [--events 10000] [--server radicale|xandikos]`. Seeds the server through its storage,
 * warms it, then runs one engine full pull and one no-op pull in child processes under
 * `node --cpu-prof`, writing the .cpuprofile files to bench/results/profiles/ (open them in
 * Chrome DevTools) and printing each pull's wall time and the top self-time functions.
 */
import { spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { calendarQueryBody, XML_CONTENT_TYPE } from "../../lib/providers/caldav/xml-bodies.ts";
import { createPostgresDatabase, dropPostgresDatabase } from "../../tests/helpers/test-db.ts";
import { startRadicale } from "../../tests/helpers/radicale.ts";
import { startXandikos } from "../../tests/helpers/xandikos.ts";
import { generateEvents } from "./generate-events.ts";
import type { ScenarioInput, ScenarioOutput } from "./run-scenario.ts";
import { seedRadicaleCalendar, seedXandikosCalendar } from "./seed-storage.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index !== -1 && process.argv[index + 1] ? (process.argv[index + 1] as string) : fallback;
}

function runProfiled(input: ScenarioInput, dir: string): Promise<ScenarioOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--cpu-prof", "--cpu-prof-dir", dir, path.join(here, "run-scenario.ts"), JSON.stringify(input)],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => {
      const line = out.trim().split("\n").pop();
      if (code === 0 && line) resolve(JSON.parse(line) as ScenarioOutput);
      else reject(new Error(`profiled pull failed (${code})`));
    });
  });
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Top self-time functions of a .cpuprofile (sample counts, so proportional to CPU time). */
async function topSelf(file: string, count: number): Promise<string[]> {
  const profile = JSON.parse(await readFile(file, "utf8")) as { nodes: ProfileNode[] };
  const total = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
  const byFrame = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}:${lineNumber + 1}`;
    byFrame.set(key, (byFrame.get(key) ?? 0) + (node.hitCount ?? 0));
  }
  return [...byFrame.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, hits]) => `${((hits / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
}

async function main(): Promise<void> {
  const size = Number(option("events", "10000"));
  const serverKind = option("server", "radicale");
  const radicale = serverKind === "radicale" ? await startRadicale() : null;
  const xandikos = serverKind === "xandikos" ? await startXandikos() : null;
  const dbUrl = await createPostgresDatabase();
  try {
    const events = generateEvents({ count: size });
    const calendarUrl = radicale
      ? await seedRadicaleCalendar({ server: radicale, user: "alice", calendar: "profile", events })
      : await seedXandikosCalendar({ server: xandikos!, calendar: "profile", events });
    const base = {
      serverUrl: radicale?.url ?? xandikos!.url,
      calendarUrl,
      username: radicale ? "alice" : "anyone",
      password: radicale ? "alice-password" : "unused",
      dbUrl,
    };
    const warmStarted = performance.now();
    await warmServer({ url: calendarUrl, username: base.username, password: base.password });
    console.log(`server warm-up: ${Math.round(performance.now() - warmStarted)} ms`);
    const dir = path.join(here, "..", "results", "profiles", new Date().toISOString().replace(/[:.]/g, "-"));
    await mkdir(dir, { recursive: true });
    for (const step of ["full", "no-op"] as const) {
      const before = new Set(await readdir(dir));
      const output = await runProfiled(
        { ...base, puller: "engine", cursor: null, calendarId: step === "full" ? null : lastCalendarId },
        dir,
      );
      lastCalendarId = output.calendarId ?? null;
      const file = (await readdir(dir)).find((name) => !before.has(name));
      console.log(
        `\nengine ${step}: ${Math.round(output.wallMs)} ms, ${output.changes} changes, ${output.maxRssMiB} MiB`,
      );
      if (file) console.log((await topSelf(path.join(dir, file), 25)).join("\n"));
    }
    console.log(`\nprofiles in ${dir}`);
  } finally {
    await dropPostgresDatabase(dbUrl);
    await radicale?.stop();
    await xandikos?.stop();
  }
}

/** The first REPORT after seeding builds the server's caches (minutes at 10k): by node:http, no timeout. */
function warmServer(params: { url: string; username: string; password: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const headers = {
      Depth: "1",
      "Content-Type": XML_CONTENT_TYPE,
      Authorization: `Basic ${Buffer.from(`${params.username}:${params.password}`).toString("base64")}`,
    };
    const req = httpRequest(params.url, { method: "REPORT", headers }, (res) => {
      res.resume();
      res.on("end", () => (res.statusCode === 207 ? resolve() : reject(new Error(`REPORT -> ${res.statusCode}`))));
    });
    req.on("error", reject);
    req.end(calendarQueryBody({ withData: true }));
  });
}

let lastCalendarId: string | null = null;
await main();
