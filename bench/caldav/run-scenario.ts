/**
 * Runs ONE measured pull in its own process so its peak RSS is its own, and prints one JSON
 * line: `node bench/caldav/run-scenario.ts '<json ScenarioInput>'`.
 * Pullers:
 * - `raw`: the floor, one calendar-query REPORT with calendar-data by plain fetch;
 * - `raw-sync`: the floor of a pull by token, one sync-collection REPORT with calendar-data
 *   (Xandikos answers it without data, so its adapter then fetches the changed objects);
 * - `raw-sync-fetch`: the same REPORT plus, when members came back without calendar-data, one
 *   calendar-multiget of them: the least plain HTTP needs to hold the changed objects;
 * - `adapter`: the CalDAV adapter's pull (lib/providers/caldav.ts) with the given cursor;
 * - `engine`: the sync engine's pull (lib/sync/pull-calendar.ts: fetch, parse, plan and store
 *   with the cursor in one transaction) into the PostgreSQL database at `dbUrl`. Without
 *   `calendarId` it first creates a user, connection and calendar row (not timed) and pulls
 *   from no cursor; with one it pulls from that calendar's stored cursor.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { useDb } from "../../lib/db/client.ts";
import { PrismaClient } from "../../lib/db/generated/client.ts";
import { createCaldavProvider } from "../../lib/providers/caldav.ts";
import type { CalendarProvider, Cursor, PullResult } from "../../lib/providers/types.ts";
import {
  calendarMultigetBody,
  calendarQueryBody,
  syncCollectionBody,
  XML_CONTENT_TYPE,
} from "../../lib/providers/caldav/xml-bodies.ts";
import { pullCalendar } from "../../lib/sync/pull-calendar.ts";
import { generateEvent } from "./generate-events.ts";

export interface ScenarioInput {
  puller: "raw" | "raw-sync" | "raw-sync-fetch" | "adapter" | "engine";
  serverUrl: string;
  calendarUrl: string;
  username: string;
  password: string;
  cursor: Cursor | null;
  /** engine: the PostgreSQL database to store into. */
  dbUrl?: string;
  /** engine: the calendar row to pull into (its stored cursor is used); none = create one. */
  calendarId?: string | null;
}

export interface ScenarioOutput {
  wallMs: number;
  requests: number;
  changes: number;
  isFullListing: boolean;
  maxRssMiB: number;
  /** RSS just before the timed work (after module loading and, for the engine, warm-up). */
  rssBeforeMiB: number;
  cursor: Cursor | null;
  calendarId?: string;
}

async function runScenario(input: ScenarioInput): Promise<ScenarioOutput> {
  if (input.puller === "engine") return runEngine(input);
  const rssBeforeMiB = currentRss();
  const started = performance.now();
  if (input.puller === "raw" || input.puller === "raw-sync" || input.puller === "raw-sync-fetch") {
    const isSync = input.puller !== "raw";
    const report = (depth: string | null, body: string) =>
      fetch(input.calendarUrl, {
        method: "REPORT",
        headers: {
          ...(depth ? { Depth: depth } : {}),
          "Content-Type": XML_CONTENT_TYPE,
          "Accept-Encoding": "gzip",
          Authorization: `Basic ${Buffer.from(`${input.username}:${input.password}`).toString("base64")}`,
        },
        body,
      });
    const response = await report(
      isSync ? "0" : "1",
      isSync
        ? syncCollectionBody({ token: input.cursor?.syncToken ?? null, withData: true })
        : calendarQueryBody({ withData: true }),
    );
    const text = await response.text();
    if (response.status !== 207) throw new Error(`raw REPORT -> ${response.status}`);
    const responses = text.split(/<(?:[\w.-]+:)?response[\s>]/).slice(1);
    let requests = 1;
    if (input.puller === "raw-sync-fetch") {
      const withoutData = responses
        .filter(
          (r) => !r.includes("BEGIN:VCALENDAR") && !/<(?:[\w.-]+:)?status>[^<]* 404 /.test(r.split("propstat")[0]!),
        )
        .map((r) => /<(?:[\w.-]+:)?href>([^<]+)</.exec(r)?.[1])
        .filter((href): href is string => Boolean(href) && !href!.endsWith("/"));
      if (withoutData.length > 0) {
        requests += 1;
        const fetched = await report(null, calendarMultigetBody({ hrefs: withoutData }));
        const data = await fetched.text();
        if (fetched.status !== 207 || data.split("BEGIN:VCALENDAR").length - 1 !== withoutData.length) {
          throw new Error(`raw multiget -> ${fetched.status}, not every object came back`);
        }
      }
    }
    const changes = responses.length;
    return {
      wallMs: performance.now() - started,
      requests,
      changes,
      isFullListing: !isSync,
      maxRssMiB: rss(),
      rssBeforeMiB,
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
    rssBeforeMiB,
    cursor: result.cursor,
  };
}

async function runEngine(input: ScenarioInput): Promise<ScenarioOutput> {
  if (!input.dbUrl) throw new Error("engine puller needs dbUrl");
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: input.dbUrl }) });
  useDb(prisma);
  try {
    const calendarId = input.calendarId ?? (await createCalendarRow({ prisma, input }));
    const provider = createCaldavProvider({
      serverUrl: input.serverUrl,
      username: input.username,
      password: input.password,
    });
    // A worker keeps its database client and has pulled before: its first connection and the
    // client's compilation of each statement shape are not part of a pull.
    await warmEngine({ prisma, input });
    const rssBeforeMiB = currentRss();
    const started = performance.now();
    const result = await pullCalendar({ calendarId, provider });
    const wallMs = performance.now() - started;
    const [run, calendar] = await Promise.all([
      prisma.syncRun.findUniqueOrThrow({ where: { id: result.runId }, select: { requests: true, kind: true } }),
      prisma.calendar.findUniqueOrThrow({ where: { id: calendarId }, select: { syncToken: true, ctag: true } }),
    ]);
    return {
      wallMs,
      requests: run.requests,
      changes: result.created + result.updated + result.deleted,
      isFullListing: run.kind === "FULL_PULL",
      maxRssMiB: rss(),
      rssBeforeMiB,
      cursor: { syncToken: calendar.syncToken, ctag: calendar.ctag },
      calendarId,
    };
  } finally {
    await prisma.$disconnect();
  }
}

/**
 * Two untimed pulls of a separate two-event calendar through a stub provider (two creates, then
 * an edit and a delete), so every statement shape a pull uses has run once in this process.
 */
async function warmEngine(params: { prisma: PrismaClient; input: ScenarioInput }): Promise<void> {
  const calendarId = await createCalendarRow({
    prisma: params.prisma,
    input: { ...params.input, calendarUrl: new URL("/warm-up/", params.input.calendarUrl).toString() },
  });
  const [a, b] = [generateEvent({ index: 1 }), generateEvent({ index: 2 })];
  const answers: PullResult[] = [
    {
      changes: [
        { type: "upsert", ref: `/warm-up/${a.name}`, etag: '"1"', ical: a.ical },
        { type: "upsert", ref: `/warm-up/${b.name}`, etag: '"1"', ical: b.ical },
      ],
      cursor: { syncToken: "warm-1", ctag: null },
      isFullListing: true,
      requests: 1,
    },
    {
      changes: [
        { type: "upsert", ref: `/warm-up/${a.name}`, etag: '"2"', ical: generateEvent({ index: 1, revision: 1 }).ical },
        { type: "delete", ref: `/warm-up/${b.name}` },
      ],
      cursor: { syncToken: "warm-2", ctag: null },
      isFullListing: false,
      requests: 1,
    },
  ];
  const stub = { name: "caldav", pull: async () => answers.shift()! } as unknown as CalendarProvider;
  await pullCalendar({ calendarId, provider: stub });
  await pullCalendar({ calendarId, provider: stub });
}

/** A user, a CalDAV connection and one calendar row for `calendarUrl`, with no cursor yet. */
async function createCalendarRow(params: { prisma: PrismaClient; input: ScenarioInput }): Promise<string> {
  const { prisma, input } = params;
  const stamp = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  // The provider is passed to pullCalendar directly, so the stored credentials are never read.
  const user = await prisma.user.create({ data: { email: `bench-${stamp}@example.test`, passwordHash: "-" } });
  const connection = await prisma.connection.create({
    data: {
      userId: user.id,
      provider: "CALDAV",
      serverUrl: input.serverUrl,
      accountName: input.username,
      credentials: "unused",
    },
  });
  const calendar = await prisma.calendar.create({
    data: {
      userId: user.id,
      connectionId: connection.id,
      remoteId: new URL(input.calendarUrl).pathname,
      remoteUrl: input.calendarUrl,
      remoteName: "bench",
      supportsSyncCollection: true,
    },
  });
  return calendar.id;
}

function currentRss(): number {
  return Math.round((process.memoryUsage.rss() / 2 ** 20) * 10) / 10;
}

function rss(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

const arg = process.argv[2];
if (!arg) throw new Error("usage: node bench/caldav/run-scenario.ts '<json>'");
const output = await runScenario(JSON.parse(arg) as ScenarioInput);
process.stdout.write(`${JSON.stringify(output)}\n`);
