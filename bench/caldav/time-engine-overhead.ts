/**
 * The engine's own cost around a pull that changes nothing: `node
 * bench/caldav/time-engine-overhead.ts [--pulls 5]`. A stub provider answers every pull with
 * no changes, so each pull's time is the engine's database round trips alone (run claim,
 * SYNCING mark, transaction, cursor, run finish) on a throw-away PostgreSQL database. The first
 * pull in a process also pays the client's query-plan compilation of each statement shape.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { useDb } from "../../lib/db/client.ts";
import { PrismaClient } from "../../lib/db/generated/client.ts";
import type { CalendarProvider } from "../../lib/providers/types.ts";
import { pullCalendar } from "../../lib/sync/pull-calendar.ts";
import { createPostgresDatabase, dropPostgresDatabase } from "../../tests/helpers/test-db.ts";

const index = process.argv.indexOf("--pulls");
const pulls = index !== -1 ? Number(process.argv[index + 1]) : 5;

const stub = {
  name: "caldav",
  pull: async () => ({ changes: [], cursor: { syncToken: "t1", ctag: null }, isFullListing: false, requests: 1 }),
} as unknown as CalendarProvider;

const url = await createPostgresDatabase();
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
useDb(prisma);
try {
  const user = await prisma.user.create({ data: { email: "overhead@example.test", passwordHash: "-" } });
  const connection = await prisma.connection.create({
    data: { userId: user.id, provider: "CALDAV", serverUrl: "http://x/", accountName: "a", credentials: "unused" },
  });
  const calendar = await prisma.calendar.create({
    data: {
      userId: user.id,
      connectionId: connection.id,
      remoteId: "/c/",
      remoteName: "c",
      syncToken: "t0",
      supportsSyncCollection: true,
    },
  });
  await prisma.calendar.findUniqueOrThrow({ where: { id: calendar.id }, select: { id: true } });
  for (let k = 0; k < pulls; k++) {
    const started = performance.now();
    await pullCalendar({ calendarId: calendar.id, provider: stub });
    console.log(`no-op pull ${k + 1}: ${(performance.now() - started).toFixed(1)} ms`);
  }
} finally {
  await prisma.$disconnect();
  await dropPostgresDatabase(url);
}
