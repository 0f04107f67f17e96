/**
 * CalDAV pull benchmark: `node bench/caldav-pull.ts [--sizes 1000,10000]
 * [--servers radicale,xandikos] [--runs 3] [--vdirsyncer-max 1000]`.
 *
 * Seeds real Radicale and Xandikos through their storage (not by PUT, see seed-storage.ts),
 * then times, each in its own process (so peak RSS is per scenario):
 * - warm-up: the first read after seeding, while the server builds its caches (not a pull);
 * - raw: the floor, one calendar-query REPORT with calendar-data by plain fetch;
 * - full: the adapter's full listing (cursor null);
 * - incremental: the adapter's pull by sync token after another client made 10 changes
 *   (6 edits, 2 adds, 2 deletes);
 * - no-op: the adapter's pull by sync token when nothing changed;
 * - engine full / incremental / no-op: the same through the sync engine (pullCalendar: fetch,
 *   parse, plan, store with the cursor in one transaction) into a throw-away PostgreSQL
 *   database; each full run pulls into a new calendar row;
 * - raw token floors: one sync-collection REPORT with calendar-data from the same token the
 *   incremental and no-op pulls start from;
 * - vdirsyncer sync, when `vdirsyncer` is installed.
 * Each row's ratio is its median over the median of its floor (full listing: the calendar-query;
 * incremental and no-op: the matching token request).
 * Every request goes through a pass-through proxy that counts requests and body bytes on the
 * wire (gzip-compressed where the server compresses), so all rows pay the same small proxy
 * cost. Prints a table and writes JSON + Markdown to bench/results/ (git-ignored).
 */
import { execFile, spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { serverNodeFlags } from "../lib/config/server-node-flags.ts";
import type { Cursor } from "../lib/providers/types.ts";
import { calendarQueryBody, collectionStateBody, XML_CONTENT_TYPE } from "../lib/providers/caldav/xml-bodies.ts";
import { deleteObject, putObject } from "../tests/helpers/caldav-client.ts";
import { createPostgresDatabase, dropPostgresDatabase } from "../tests/helpers/test-db.ts";
import { startCaldavProxy, type CaldavProxy } from "../tests/helpers/caldav-proxy.ts";
import { startRadicale } from "../tests/helpers/radicale.ts";
import { startXandikos } from "../tests/helpers/xandikos.ts";
import { generateEvent, generateEvents } from "./caldav/generate-events.ts";
import type { ScenarioInput, ScenarioOutput } from "./caldav/run-scenario.ts";
import { seedRadicaleCalendar, seedXandikosCalendar } from "./caldav/seed-storage.ts";
import { runVdirsyncer } from "./caldav/run-vdirsyncer.ts";

/** Largest calendar vdirsyncer runs on (its Xandikos 10k sync takes ~20 min: one multiget of 10k hrefs). */
const vdirsyncerMax = Number(option("vdirsyncer-max", "Infinity"));
const here = path.dirname(fileURLToPath(import.meta.url));
const scenarioScript = path.join(here, "caldav", "run-scenario.ts");

interface Row {
  server: string;
  events: number;
  scenario: string;
  runs: number;
  wallMsMedian: number;
  wallMsMin: number;
  requests: number;
  bytesDown: number;
  bytesUp: number;
  changes: number;
  peakRssMiB: number;
  /** Peak RSS minus the RSS just before the timed work: what the pull itself added. */
  pullRssMiB: number;
  /** Scenario whose median is this row's floor. */
  floor?: string;
  note?: string;
}

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index !== -1 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function runChild(input: ScenarioInput): Promise<ScenarioOutput> {
  return new Promise((resolve, reject) => {
    // Every scenario, floors included, runs with the server's V8 flags.
    const child = spawn(process.execPath, [...serverNodeFlags(), scenarioScript, JSON.stringify(input)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("exit", (code) => {
      const line = out.trim().split("\n").pop();
      if (code === 0 && line) resolve(JSON.parse(line) as ScenarioOutput);
      else reject(new Error(`scenario failed (${code}): ${err.slice(-2000)}`));
    });
  });
}

interface Target {
  server: string;
  events: number;
  proxy: CaldavProxy;
  /** PostgreSQL database the engine rows store into. */
  dbUrl: string;
  /** Collection URL through the proxy. */
  calendarUrl: string;
  /** Collection URL on the server itself (the other client writes here). */
  directUrl: string;
  username: string;
  password: string;
}

async function measure(params: {
  target: Target;
  scenario: string;
  runs: number;
  input: (run: number) => Promise<Omit<ScenarioInput, "serverUrl" | "calendarUrl" | "username" | "password">>;
  after?: (output: ScenarioOutput) => void;
  floor?: string;
}): Promise<Row> {
  const { target } = params;
  const outputs: Array<ScenarioOutput & { bytesDown: number; bytesUp: number }> = [];
  for (let run = 0; run < params.runs; run++) {
    const partial = await params.input(run);
    target.proxy.resetStats();
    const output = await runChild({
      ...partial,
      serverUrl: target.proxy.url,
      calendarUrl: target.calendarUrl,
      username: target.username,
      password: target.password,
      dbUrl: target.dbUrl,
    });
    outputs.push({ ...output, bytesDown: target.proxy.stats.bytesReceived, bytesUp: target.proxy.stats.bytesSent });
    params.after?.(output);
  }
  const row: Row = {
    server: target.server,
    events: target.events,
    scenario: params.scenario,
    runs: params.runs,
    wallMsMedian: Math.round(median(outputs.map((o) => o.wallMs))),
    wallMsMin: Math.round(Math.min(...outputs.map((o) => o.wallMs))),
    requests: median(outputs.map((o) => o.requests)),
    bytesDown: median(outputs.map((o) => o.bytesDown)),
    bytesUp: median(outputs.map((o) => o.bytesUp)),
    changes: median(outputs.map((o) => o.changes)),
    peakRssMiB: Math.round(median(outputs.map((o) => o.maxRssMiB))),
    pullRssMiB: Math.round(median(outputs.map((o) => o.maxRssMiB - o.rssBeforeMiB))),
    floor: params.floor,
  };
  console.error(
    `  ${row.server} ${row.events} ${row.scenario}: ${row.wallMsMedian} ms, ${row.requests} req, ${row.changes} changes`,
  );
  return row;
}

/** Another client makes 10 changes: 6 edits, 2 adds, 2 deletes, none touched before. */
async function makeTenChanges(params: { target: Target; run: number; auth?: { username: string; password: string } }) {
  const { target, run, auth } = params;
  const base = 1 + run * 10;
  for (let k = 0; k < 6; k++) {
    const event = generateEvent({ index: base + k, revision: run + 1 });
    await putObject({ url: `${target.directUrl}${event.name}`, ical: event.ical, auth });
  }
  for (let k = 0; k < 2; k++) {
    const event = generateEvent({ index: target.events + base + k });
    await putObject({ url: `${target.directUrl}${event.name}`, ical: event.ical, auth });
  }
  for (let k = 6; k < 8; k++) {
    await deleteObject({ url: `${target.directUrl}${generateEvent({ index: base + k }).name}`, auth });
  }
}

async function benchTarget(params: {
  target: Target;
  runs: number;
  auth?: { username: string; password: string };
}): Promise<Row[]> {
  const { target, runs, auth } = params;
  const rows: Row[] = [];
  // The first read after seeding makes Radicale build its item cache and, for the sync-token,
  // its history of every item (minutes at 10k): done once, apart, by a request without the
  // 300 s header timeout of fetch, so the timed runs see a warm server.
  const warmStarted = performance.now();
  await warmServer({ url: target.directUrl, auth });
  rows.push({
    server: target.server,
    events: target.events,
    scenario: "server warm-up after seeding (PROPFIND + REPORT)",
    runs: 1,
    wallMsMedian: Math.round(performance.now() - warmStarted),
    wallMsMin: Math.round(performance.now() - warmStarted),
    requests: 2,
    bytesDown: NaN,
    bytesUp: NaN,
    changes: NaN,
    peakRssMiB: NaN,
    pullRssMiB: NaN,
    note: "the server building its caches; not a pull",
  });
  // Full rows run interleaved (floor, adapter, engine in each round) so each of them sees the
  // server in the same state: Xandikos builds an index for a filter it has seen a few times
  // (its index_threshold), after which the same calendar-query answers several times faster.
  const FULL_FLOOR = "raw calendar-query (floor)";
  const INCREMENTAL_FLOOR = "raw sync-collection by token, 10 changes (floor)";
  const NOOP_FLOOR = "raw sync-collection by token, no change (floor)";
  // Differs from INCREMENTAL_FLOOR only where sync-collection leaves calendar-data out (Xandikos).
  const INCREMENTAL_FETCH_FLOOR = "raw sync-collection by token + multiget of members sent without data";
  let cursor: Cursor | null = null;
  let calendarId: string | undefined;
  const fullSeries = new Map<string, Row[]>();
  const addFull = (row: Row) => fullSeries.set(row.scenario, [...(fullSeries.get(row.scenario) ?? []), row]);
  for (let run = 0; run < runs; run++) {
    addFull(
      await measure({ target, scenario: FULL_FLOOR, runs: 1, input: async () => ({ puller: "raw", cursor: null }) }),
    );
    addFull(
      await measure({
        target,
        scenario: "adapter full pull",
        runs: 1,
        input: async () => ({ puller: "adapter", cursor: null }),
        after: (o) => (cursor = o.cursor),
        floor: FULL_FLOOR,
      }),
    );
    addFull(
      await measure({
        target,
        scenario: "engine full pull (parse + store)",
        runs: 1,
        input: async () => ({ puller: "engine", cursor: null, calendarId: null }),
        after: (o) => (calendarId = o.calendarId),
        floor: FULL_FLOOR,
      }),
    );
  }
  for (const group of fullSeries.values()) rows.push(combine(group));
  const series = new Map<string, Row[]>();
  const add = (row: Row) => series.set(row.scenario, [...(series.get(row.scenario) ?? []), row]);
  for (let run = 0; run < runs; run++) {
    await makeTenChanges({ target, run, auth });
    const from = cursor;
    add(
      await measure({
        target,
        scenario: INCREMENTAL_FLOOR,
        runs: 1,
        input: async () => ({ puller: "raw-sync", cursor: from }),
      }),
    );
    add(
      await measure({
        target,
        scenario: INCREMENTAL_FETCH_FLOOR,
        runs: 1,
        input: async () => ({ puller: "raw-sync-fetch", cursor: from }),
      }),
    );
    add(
      await measure({
        target,
        scenario: "adapter incremental (10 changes)",
        runs: 1,
        input: async () => ({ puller: "adapter", cursor }),
        after: (o) => (cursor = o.cursor),
        floor: INCREMENTAL_FLOOR,
      }),
    );
    add(
      await measure({
        target,
        scenario: "engine incremental (10 changes)",
        runs: 1,
        input: async () => ({ puller: "engine", cursor: null, calendarId }),
        floor: INCREMENTAL_FLOOR,
      }),
    );
    add(await measure({ target, scenario: NOOP_FLOOR, runs: 1, input: async () => ({ puller: "raw-sync", cursor }) }));
    add(
      await measure({
        target,
        scenario: "adapter no-op",
        runs: 1,
        input: async () => ({ puller: "adapter", cursor }),
        floor: NOOP_FLOOR,
      }),
    );
    add(
      await measure({
        target,
        scenario: "engine no-op",
        runs: 1,
        input: async () => ({ puller: "engine", cursor: null, calendarId }),
        floor: NOOP_FLOOR,
      }),
    );
  }
  for (const group of series.values()) rows.push(combine(group));
  const vdir =
    target.events > vdirsyncerMax
      ? null
      : await runVdirsyncer({
          calendarUrl: target.calendarUrl,
          username: target.username,
          password: target.password,
          proxy: target.proxy,
        });
  rows.push(
    vdir
      ? {
          server: target.server,
          events: target.events,
          scenario: "vdirsyncer full sync",
          runs: 1,
          pullRssMiB: NaN,
          ...vdir,
        }
      : {
          server: target.server,
          events: target.events,
          scenario: "vdirsyncer full sync",
          runs: 0,
          wallMsMedian: NaN,
          wallMsMin: NaN,
          requests: NaN,
          bytesDown: NaN,
          bytesUp: NaN,
          changes: NaN,
          peakRssMiB: NaN,
          pullRssMiB: NaN,
          note:
            target.events > vdirsyncerMax ? `skipped (--vdirsyncer-max ${vdirsyncerMax})` : "vdirsyncer not installed",
        },
  );
  return rows;
}

/** PROPFIND (ctag + sync-token) then calendar-query, by node:http so no timeout applies. */
async function warmServer(params: { url: string; auth?: { username: string; password: string } }): Promise<void> {
  const send = (method: string, depth: string, body: string) =>
    new Promise<void>((resolve, reject) => {
      const headers: Record<string, string> = { Depth: depth, "Content-Type": XML_CONTENT_TYPE };
      if (params.auth) {
        headers.Authorization = `Basic ${Buffer.from(`${params.auth.username}:${params.auth.password}`).toString("base64")}`;
      }
      const req = httpRequest(params.url, { method, headers }, (res) => {
        res.resume();
        res.on("end", () => (res.statusCode === 207 ? resolve() : reject(new Error(`${method} -> ${res.statusCode}`))));
      });
      req.on("error", reject);
      req.end(body);
    });
  await send("PROPFIND", "0", collectionStateBody());
  await send("REPORT", "1", calendarQueryBody({ withData: true }));
}

function combine(rows: Row[]): Row {
  const first = rows[0]!;
  return {
    ...first,
    runs: rows.length,
    wallMsMedian: Math.round(median(rows.map((r) => r.wallMsMedian))),
    wallMsMin: Math.min(...rows.map((r) => r.wallMsMin)),
    requests: median(rows.map((r) => r.requests)),
    bytesDown: median(rows.map((r) => r.bytesDown)),
    bytesUp: median(rows.map((r) => r.bytesUp)),
    changes: median(rows.map((r) => r.changes)),
    peakRssMiB: Math.round(median(rows.map((r) => r.peakRssMiB))),
    pullRssMiB: Math.round(median(rows.map((r) => r.pullRssMiB))),
  };
}

const kib = (n: number) =>
  Number.isNaN(n) ? "-" : n >= 1024 * 1024 ? `${(n / 1048576).toFixed(2)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
const num = (n: number) => (Number.isNaN(n) ? "-" : String(n));

/** Median over the median of the row's floor (same server and size), e.g. "2.1x". */
function ratioOf(row: Row, rows: Row[]): string {
  if (!row.floor) return "";
  const floor = rows.find((r) => r.server === row.server && r.events === row.events && r.scenario === row.floor);
  if (!floor || !floor.wallMsMedian) return "";
  return `${(row.wallMsMedian / floor.wallMsMedian).toFixed(2)}x`;
}

function renderTable(rows: Row[]): string {
  const header =
    "| server | events | scenario | wall ms (median) | min | vs floor | requests | down | up | changes | peak RSS MiB | RSS added by the pull MiB | note |";
  const lines = rows.map(
    (r) =>
      `| ${r.server} | ${r.events} | ${r.scenario} | ${num(r.wallMsMedian)} | ${num(r.wallMsMin)} | ${ratioOf(r, rows)} | ${num(r.requests)} | ${kib(r.bytesDown)} | ${kib(r.bytesUp)} | ${num(r.changes)} | ${num(r.peakRssMiB)} | ${num(r.pullRssMiB)} | ${r.note ?? ""} |`,
  );
  return [header, "|---|---|---|---|---|---|---|---|---|---|---|---|---|", ...lines].join("\n");
}

async function main() {
  const sizes = option("sizes", "1000,10000").split(",").map(Number);
  const servers = option("servers", "radicale,xandikos").split(",");
  const runs = Number(option("runs", "3"));
  const startedAt = new Date();
  const loadBefore = loadavg();
  const rows: Row[] = [];
  const dbUrl = await createPostgresDatabase();
  try {
    for (const server of servers) {
      const users = { alice: "alice-password" };
      const radicale = server === "radicale" ? await startRadicale({ users }) : null;
      const xandikos = server === "xandikos" ? await startXandikos() : null;
      const serverUrl = radicale?.url ?? xandikos!.url;
      const proxy = await startCaldavProxy({ target: serverUrl });
      // Ctrl-C must not leave a server and its throw-away storage behind.
      const onSignal = () => {
        void Promise.allSettled([proxy.stop(), radicale?.stop(), xandikos?.stop()]).then(() => process.exit(130));
      };
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
      try {
        for (const size of sizes) {
          console.error(`seeding ${server} with ${size} events through its storage...`);
          const events = generateEvents({ count: size });
          const name = `bench-${size}`;
          const directUrl = radicale
            ? await seedRadicaleCalendar({ server: radicale, user: "alice", calendar: name, events })
            : await seedXandikosCalendar({ server: xandikos!, calendar: name, events });
          const target: Target = {
            server,
            events: size,
            proxy,
            directUrl,
            dbUrl,
            calendarUrl: `${proxy.url.replace(/\/$/, "")}${new URL(directUrl).pathname}`,
            username: radicale ? "alice" : "anyone",
            password: radicale ? "alice-password" : "unused",
          };
          rows.push(
            ...(await benchTarget({
              target,
              runs,
              auth: radicale ? { username: "alice", password: "alice-password" } : undefined,
            })),
          );
        }
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
        await proxy.stop();
        await radicale?.stop();
        await xandikos?.stop();
      }
    }
  } finally {
    await dropPostgresDatabase(dbUrl);
  }
  const table = renderTable(rows);
  const versions = await serverVersions();
  const machine = `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average before ${loadBefore.map((l) => l.toFixed(1)).join("/")} after ${loadavg()
    .map((l) => l.toFixed(1))
    .join("/")}`;
  console.log(`\nCalDAV pull benchmark, ${startedAt.toISOString()} (${machine}; ${versions})\n`);
  console.log(table);
  const dir = path.join(here, "results");
  await mkdir(dir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  await writeFile(
    path.join(dir, `caldav-pull-${stamp}.json`),
    JSON.stringify({ startedAt, machine, versions, runs, rows }, null, 2),
  );
  await writeFile(
    path.join(dir, `caldav-pull-${stamp}.md`),
    `# CalDAV pull ${startedAt.toISOString()}\n\n${machine}; ${versions}\n\n${table}\n`,
  );
  console.log(`\nwritten to bench/results/caldav-pull-${stamp}.{json,md}`);
}

async function serverVersions(): Promise<string> {
  const run = promisify(execFile);
  const version = async (cmd: string, args: string[]) => {
    try {
      return (await run(cmd, args)).stdout.trim().split("\n")[0] ?? "?";
    } catch {
      return "?";
    }
  };
  const radicale = await version("/usr/bin/python3", ["-c", "import radicale; print(radicale.VERSION)"]);
  const xandikos = await version("dpkg-query", ["-W", "-f=${Version}", "xandikos"]);
  return `Radicale ${radicale}, Xandikos ${xandikos}, Node ${process.version}`;
}

await main();
