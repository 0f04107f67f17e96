/**
 * Cost of one live-stream poll (lib/live/read-live-state.ts) on PostgreSQL:
 * `node bench/live-state.ts [--events 100000] [--runs 200]`.
 *
 * One person holds `--events` events, a year of finished pull runs (one every 2 minutes for one
 * calendar: ~260k SyncRun rows) and some conflicts; another person holds as many events. The
 * stream repeats the query every 1.5 s per listening tab, so its time and the rows its scans
 * read must stay flat as the data grows. Prints the median and p95 of `--runs` reads and the
 * rows EXPLAIN ANALYZE says the scans produced.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { useDb as installDb } from "../lib/db/client.ts";
import { PrismaClient } from "../lib/db/generated/client.ts";
import { readLiveState } from "../lib/live/read-live-state.ts";
import { createPostgresDatabase, dropPostgresDatabase } from "../tests/helpers/test-db.ts";

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index !== -1 && process.argv[index + 1] ? (process.argv[index + 1] as string) : fallback;
}

const events = Number(option("events", "100000"));
const runs = Number(option("runs", "200"));
const url = await createPostgresDatabase();
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
installDb(prisma);
try {
  const seedPerson = async (label: string) => {
    const user = await prisma.user.create({ data: { email: `${label}@example.test` } });
    const connection = await prisma.connection.create({
      data: { userId: user.id, provider: "CALDAV", accountName: label, credentials: "{}" },
    });
    const calendar = await prisma.calendar.create({
      data: { userId: user.id, connectionId: connection.id, remoteId: `/${label}/`, remoteName: label },
    });
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Event" (id, "userId", "calendarId", uid, ical, title, "updatedAt")
       SELECT '${label}-' || i, $1, $2, 'uid-' || i, 'BEGIN:VCALENDAR', 'Event ' || i, now()
       FROM generate_series(1, $3::int) AS i`,
      user.id,
      calendar.id,
      events,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO "SyncRun" (id, "userId", "connectionId", "calendarId", kind, status, "startedAt", "finishedAt")
       SELECT '${label}-run-' || i, $1, $2, $3, 'PULL', 'OK', now() - i * interval '2 minutes',
         now() - i * interval '2 minutes' + interval '1 second'
       FROM generate_series(1, 262800) AS i`,
      user.id,
      connection.id,
      calendar.id,
    );
    return user.id;
  };
  const started = performance.now();
  const userId = await seedPerson("me");
  await seedPerson("other");
  await prisma.$executeRawUnsafe(`ANALYZE`);
  console.error(`seeded in ${Math.round(performance.now() - started)} ms`);

  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await readLiveState({ userId });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] as number).toFixed(2);
  console.log(`readLiveState, ${events} events and 262,800 runs per person: median ${at(0.5)} ms, p95 ${at(0.95)} ms`);
  // The same statement, explained: the scans must read a handful of rows, not the person's history.
  const sql = `EXPLAIN (ANALYZE, FORMAT JSON) SELECT
      (SELECT max("changeSeq") FROM "Event" WHERE "userId" = $1),
      (SELECT count(*) FROM "SyncRun" WHERE "userId" = $1 AND "status" = 'RUNNING'),
      (SELECT count(*) FROM "Calendar" WHERE "userId" = $1)`;
  const [plan] = await prisma.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(sql, userId);
  let rows = 0;
  const visit = (node: Record<string, unknown>) => {
    if (/Scan/.test(String(node["Node Type"]))) rows += Number(node["Actual Rows"] ?? 0);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) visit(child);
  };
  visit((plan?.["QUERY PLAN"] as { Plan: Record<string, unknown> }[])[0]!.Plan);
  console.log(`rows produced by the scans of the event, run and calendar parts: ${rows}`);
} finally {
  await prisma.$disconnect();
  await dropPostgresDatabase(url);
}
