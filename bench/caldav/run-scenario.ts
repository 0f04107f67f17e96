/**
 * Runs ONE measured pull in its own process so its peak RSS is its own, and prints one JSON
 * line: `node bench/caldav/run-scenario.ts '<json ScenarioInput>'`.
 * Pullers:
 * - `raw`: the floor, one calendar-query REPORT with calendar-data by plain fetch;
 * - `adapter`: the CalDAV adapter's pull (lib/providers/caldav.ts) with the given cursor.
 * The sync engine's pull (lib/sync/pull-calendar.ts: parse + store) is to be added here as an
 * `engine` puller once it exists: create a throw-away database, a calendar row pointing at
 * `calendarUrl` with `cursor`, then time `pullCalendar({ calendarId })`.
 */
import { createCaldavProvider } from "../../lib/providers/caldav.ts";
import type { Cursor } from "../../lib/providers/types.ts";
import { calendarQueryBody, XML_CONTENT_TYPE } from "../../lib/providers/caldav/xml-bodies.ts";

export interface ScenarioInput {
  puller: "raw" | "adapter";
  serverUrl: string;
  calendarUrl: string;
  username: string;
  password: string;
  cursor: Cursor | null;
}

export interface ScenarioOutput {
  wallMs: number;
  requests: number;
  changes: number;
  isFullListing: boolean;
  maxRssMiB: number;
  cursor: Cursor | null;
}

async function runScenario(input: ScenarioInput): Promise<ScenarioOutput> {
  const started = performance.now();
  if (input.puller === "raw") {
    const response = await fetch(input.calendarUrl, {
      method: "REPORT",
      headers: {
        Depth: "1",
        "Content-Type": XML_CONTENT_TYPE,
        "Accept-Encoding": "gzip",
        Authorization: `Basic ${Buffer.from(`${input.username}:${input.password}`).toString("base64")}`,
      },
      body: calendarQueryBody({ withData: true }),
    });
    const text = await response.text();
    if (response.status !== 207) throw new Error(`raw REPORT -> ${response.status}`);
    const changes = text.split(/<(?:[\w.-]+:)?response[\s>]/).length - 1;
    return {
      wallMs: performance.now() - started,
      requests: 1,
      changes,
      isFullListing: true,
      maxRssMiB: rss(),
      cursor: null,
    };
  }
  const provider = createCaldavProvider({
    serverUrl: input.serverUrl,
    username: input.username,
    password: input.password,
  });
  const result = await provider.pull({
    calendar: {
      remoteId: new URL(input.calendarUrl).pathname,
      remoteUrl: input.calendarUrl,
      supportsSyncCollection: true,
    },
    cursor: input.cursor,
  });
  return {
    wallMs: performance.now() - started,
    requests: result.requests,
    changes: result.changes.length,
    isFullListing: result.isFullListing,
    maxRssMiB: rss(),
    cursor: result.cursor,
  };
}

function rss(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

const arg = process.argv[2];
if (!arg) throw new Error("usage: node bench/caldav/run-scenario.ts '<json>'");
const output = await runScenario(JSON.parse(arg) as ScenarioInput);
process.stdout.write(`${JSON.stringify(output)}\n`);
