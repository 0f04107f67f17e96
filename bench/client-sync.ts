/**
 * Client sync API benchmark on PostgreSQL: `node bench/client-sync.ts [--sizes 1000,10000,100000]
 * [--runs 5]`.
 *
 * For each size, one user holds that many events (seeded with INSERT ... SELECT
 * generate_series, so the change trigger numbers every row), then measures:
 * - full listing: every page of GET /api/v1/sync/events' listing (2500 per page), events/s;
 * - incremental: the call with the last sync token after 10 changes (6 edits, 2 creates,
 *   2 deletes), wall time median and the rows the index scans produced (EXPLAIN ANALYZE of the
 *   same queries), which should stay flat as the total grows;
 * - range query: one week of listOccurrences at the recent end and in the middle of the data,
 *   time and rows the span filter's index scans produced.
 * Prints a table and writes Markdown + JSON to bench/results/ (git-ignored).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { listEventChanges } from "../lib/client-sync/list-event-changes.ts";
import { useDb as installDb } from "../lib/db/client.ts";
import { PrismaClient } from "../lib/db/generated/client.ts";
import { listOccurrences } from "../lib/events/list-occurrences.ts";
import { createPostgresDatabase, dropPostgresDatabase } from "../tests/helpers/test-db.ts";

process.env.AUTH_SECRET ||= "bench-secret-for-client-sync";

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index !== -1 && process.argv[index + 1] ? (process.argv[index + 1] as string) : fallback;
}

const sizes = option("sizes", "1000,10000,100000").split(",").map(Number);
const runs = Number(option("runs", "5"));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

interface Row {
  events: number;
  fullListingMs: number;
  fullEventsPerSecond: number;
  incrementalMsMedian: number;
  incrementalItems: number;
  incrementalRowsScanned: number;
  incrementalBuffers: number;
  recentWeekMs: number;
  recentWeekOccurrences: number;
  recentWeekRowsScanned: number;
  middleWeekMs: number;
  middleWeekRowsScanned: number;
}

/**
 * Rows the scans read — returned plus dropped by a filter (a bitmap index scan's entries are the
 * same rows its heap scan reads, so only the heap scan counts) — and shared buffers touched,
 * from EXPLAIN (ANALYZE, BUFFERS).
 */
function scanCost(plan: unknown): { rows: number; buffers: number } {
  let rows = 0;
  const visit = (node: Record<string, unknown>) => {
    const type = String(node["Node Type"] ?? "");
    if (/Scan/.test(type) && type !== "Bitmap Index Scan") {
      rows += Number(node["Actual Rows"] ?? 0) + Number(node["Rows Removed by Filter"] ?? 0);
    }
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) visit(child);
  };
  const root = (plan as { Plan: Record<string, unknown> }[])[0]!.Plan;
  visit(root);
  return { rows, buffers: Number(root["Shared Hit Blocks"] ?? 0) + Number(root["Shared Read Blocks"] ?? 0) };
}

const url = await createPostgresDatabase();
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
installDb(prisma);
const results: Row[] = [];
try {
  const user = await prisma.user.create({ data: { email: "bench@example.test" } });
  const connection = await prisma.connection.create({
    data: { userId: user.id, provider: "CALDAV", accountName: "bench", credentials: "{}" },
  });
  const calendar = await prisma.calendar.create({
    data: { userId: user.id, connectionId: connection.id, remoteId: "/bench/", remoteName: "Bench" },
  });
  let seeded = 0;
  let extra = 0;
  const changeBatch = async () => {
    // 6 edits, 2 creates, 2 deletes, spread over the table.
    await prisma.$executeRawUnsafe(
      `UPDATE "Event" SET title = title || '*', version = version + 1
       WHERE id IN (SELECT id FROM "Event" WHERE "userId" = $1 ORDER BY random() LIMIT 6)`,
      user.id,
    );
    await prisma.$executeRawUnsafe(
      `DELETE FROM "Event" WHERE id IN (SELECT id FROM "Event" WHERE "userId" = $1 ORDER BY random() LIMIT 2)`,
      user.id,
    );
    await seed(2, `x${extra++}-`);
  };
  const seed = async (count: number, prefix: string) => {
    // Events every 30 minutes from 2020 on, one hour long.
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Event" (id, "userId", "calendarId", uid, "remoteRef", etag, ical, title, "startAt", "endAt",
         "seriesStart", "seriesEnd", "updatedAt")
       SELECT '${prefix}' || i, $1, $2, 'uid-${prefix}' || i, '/bench/${prefix}' || i || '.ics', '"e' || i || '"',
         'BEGIN:VCALENDAR' || E'\\r\\n' || 'BEGIN:VEVENT' || E'\\r\\n' || 'UID:uid-${prefix}' || i || E'\\r\\n' ||
         'SUMMARY:Event ' || i || E'\\r\\n' || 'END:VEVENT' || E'\\r\\n' || 'END:VCALENDAR' || E'\\r\\n',
         'Event ' || i, s, s + interval '1 hour', s, s + interval '1 hour', now()
       FROM generate_series($3::int, $4::int) AS i,
            LATERAL (SELECT timestamp '2020-01-01' + i * interval '30 minutes' AS s) AS t`,
      user.id,
      calendar.id,
      seeded + 1,
      seeded + count,
    );
  };
  for (const size of sizes) {
    const started = performance.now();
    const before = seeded;
    await seed(size - seeded, "e");
    seeded = size;
    await prisma.$executeRawUnsafe(`ANALYZE "Event"`);
    console.error(`seeded ${size - before} events in ${Math.round(performance.now() - started)} ms`);

    const fullStart = performance.now();
    let listed = 0;
    let page = await listEventChanges({ userId: user.id, maxResults: 2500 });
    listed += page.items.length;
    while (page.nextPageToken) {
      page = await listEventChanges({ userId: user.id, maxResults: 2500, pageToken: page.nextPageToken });
      listed += page.items.length;
    }
    const fullListingMs = performance.now() - fullStart;
    let token = page.nextSyncToken as string;

    const times: number[] = [];
    let items = 0;
    let lastFrom = 0n;
    for (let run = 0; run < runs; run++) {
      lastFrom =
        (await prisma.event.aggregate({ where: { userId: user.id }, _max: { changeSeq: true } }))._max.changeSeq ?? 0n;
      const tombMax =
        (await prisma.eventTombstone.aggregate({ where: { userId: user.id }, _max: { changeSeq: true } }))._max
          .changeSeq ?? 0n;
      if (tombMax > lastFrom) lastFrom = tombMax;
      await changeBatch();
      const t0 = performance.now();
      const changes = await listEventChanges({ userId: user.id, syncToken: token });
      times.push(performance.now() - t0);
      items = changes.items.length;
      token = changes.nextSyncToken as string;
    }
    // The incremental queries, as list-event-changes issues them, under EXPLAIN.
    const explain = async (sql: string, ...params: unknown[]) =>
      scanCost(
        (
          (await prisma.$queryRawUnsafe(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, ...params)) as {
            "QUERY PLAN": unknown;
          }[]
        )[0]!["QUERY PLAN"],
      );
    const eventsCost = await explain(
      `SELECT * FROM "Event" WHERE "userId" = $1 AND "changeSeq" > $2 AND "changeSeq" <= $3 ORDER BY "changeSeq" LIMIT 251`,
      user.id,
      lastFrom,
      lastFrom + 1_000_000n,
    );
    // The snapshot of the first page: the user's latest change number (one index entry each).
    const latestCost = await explain(
      `SELECT "changeSeq" FROM "Event" WHERE "userId" = $1 ORDER BY "changeSeq" DESC LIMIT 1`,
      user.id,
    );
    const tombCost = await explain(
      `SELECT * FROM "EventTombstone" WHERE "userId" = $1 AND "changeSeq" > $2 AND "changeSeq" <= $3 ORDER BY "changeSeq" LIMIT 251`,
      user.id,
      lastFrom,
      lastFrom + 1_000_000n,
    );

    // One week at the recent end of the seeded span (where a calendar view usually looks) and one
    // in its middle (the worst case of two B-tree range conditions).
    const spanEndMs = Date.parse("2020-01-01T00:00:00Z") + size * 30 * 60_000;
    const weeks = { recent: spanEndMs - 7 * 86_400_000, middle: (Date.parse("2020-01-01T00:00:00Z") + spanEndMs) / 2 };
    const range: Record<string, { ms: number; occurrences: number; rows: number }> = {};
    for (const [name, startMs] of Object.entries(weeks)) {
      const rangeStart = new Date(startMs);
      const rangeEnd = new Date(startMs + 7 * 86_400_000);
      const rangeTimes: number[] = [];
      let occurrences = 0;
      for (let run = 0; run < runs; run++) {
        const t0 = performance.now();
        occurrences = (await listOccurrences({ userId: user.id, start: rangeStart, end: rangeEnd })).length;
        rangeTimes.push(performance.now() - t0);
      }
      const cost = await explain(
        `SELECT "id" FROM "Event" WHERE "userId" = $1 AND "calendarId" IN ($2) AND NOT "deletedLocally"
           AND "parseError" IS NULL AND "seriesStart" < $3::timestamp
           AND ("seriesEnd" IS NULL OR "seriesEnd" >= $4::timestamp)
           AND tsrange("seriesStart", greatest("seriesStart", coalesce("seriesEnd", 'infinity'::timestamp)), '[]')
               && tsrange($4::timestamp, $3::timestamp, '[)')`,
        user.id,
        calendar.id,
        rangeEnd.toISOString(),
        rangeStart.toISOString(),
      );
      range[name] = { ms: Number(median(rangeTimes).toFixed(2)), occurrences, rows: cost.rows };
    }

    results.push({
      events: size,
      fullListingMs: Math.round(fullListingMs),
      fullEventsPerSecond: Math.round((listed / fullListingMs) * 1000),
      incrementalMsMedian: Number(median(times).toFixed(2)),
      incrementalItems: items,
      incrementalRowsScanned: eventsCost.rows + tombCost.rows + latestCost.rows,
      incrementalBuffers: eventsCost.buffers + tombCost.buffers + latestCost.buffers,
      recentWeekMs: range.recent!.ms,
      recentWeekOccurrences: range.recent!.occurrences,
      recentWeekRowsScanned: range.recent!.rows,
      middleWeekMs: range.middle!.ms,
      middleWeekRowsScanned: range.middle!.rows,
    });
  }
} finally {
  await prisma.$disconnect();
  await dropPostgresDatabase(url);
}

const headers = Object.keys(results[0] ?? {}) as (keyof Row)[];
const table = [
  `| ${headers.join(" | ")} |`,
  `| ${headers.map(() => "---").join(" | ")} |`,
  ...results.map((row) => `| ${headers.map((key) => row[key]).join(" | ")} |`),
].join("\n");
const note = `PostgreSQL, ${cpus().length} CPU(s), ${runs} runs per timed call, ${new Date().toISOString()}`;
console.log(`${table}\n\n${note}`);
const dir = path.join(import.meta.dirname, "results");
await mkdir(dir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
await writeFile(path.join(dir, `client-sync-${stamp}.md`), `# Client sync API\n\n${table}\n\n${note}\n`);
await writeFile(path.join(dir, `client-sync-${stamp}.json`), JSON.stringify({ note, results }, null, 2));
process.exit(0);
