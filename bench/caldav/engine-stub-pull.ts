/**
 * The engine's own full-pull cost without a CalDAV server: `node bench/caldav/engine-stub-pull.ts
 * [--events 10000]`. A stub provider hands the generated calendar (bench/caldav/generate-events.ts)
 * to pullCalendar as one full listing, so the time and peak RSS printed are the engine's parse,
 * plan and write into a throw-away PostgreSQL database (after an untimed warm-up pull).
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { useDb } from "../../lib/db/client.ts";
import { PrismaClient } from "../../lib/db/generated/client.ts";
import type { CalendarProvider, PullResult } from "../../lib/providers/types.ts";
import { pullCalendar } from "../../lib/sync/pull-calendar.ts";
import { createPostgresDatabase, dropPostgresDatabase } from "../../tests/helpers/test-db.ts";
import { generateEvents } from "./generate-events.ts";

const index = process.argv.indexOf("--events");
const count = index !== -1 ? Number(process.argv[index + 1]) : 10_000;
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

function stubFor(events: { name: string; ical: string }[]): CalendarProvider {
  const answer: PullResult = {
    changes: events.map((e) => ({ type: "upsert", ref: `/cal/${e.name}`, etag: '"1"', ical: e.ical })),
    cursor: { syncToken: "t1", ctag: null },
    isFullListing: true,
    requests: 1,
  };
  return { name: "caldav", pull: async () => answer } as unknown as CalendarProvider;
}

const url = await createPostgresDatabase();
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
useDb(prisma);
try {
  const user = await prisma.user.create({ data: { email: "stub@example.test", passwordHash: "-" } });
  const connection = await prisma.connection.create({
    data: { userId: user.id, provider: "CALDAV", serverUrl: "http://x/", accountName: "a", credentials: "unused" },
  });
  const newCalendar = async (remoteId: string) =>
    (
      await prisma.calendar.create({
        data: { userId: user.id, connectionId: connection.id, remoteId, remoteName: remoteId },
      })
    ).id;
  await pullCalendar({ calendarId: await newCalendar("/warm/"), provider: stubFor(generateEvents({ count: 20 })) });
  const provider = stubFor(generateEvents({ count }));
  const before = process.memoryUsage.rss();
  const calendarId = await newCalendar("/cal/");
  const started = performance.now();
  const result = await pullCalendar({ calendarId, provider });
  const ms = performance.now() - started;
  console.log(
    `engine full pull of ${count} (stub provider): ${Math.round(ms)} ms, +${result.created} rows, ` +
      `RSS before ${mib(before)} MiB, process peak ${mib(process.resourceUsage().maxRSS * 1024)} MiB`,
  );
} finally {
  await prisma.$disconnect();
  await dropPostgresDatabase(url);
}
