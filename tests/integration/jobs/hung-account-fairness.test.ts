/**
 * One person's CalDAV server hangs (accepts connections, never answers) while another
 * person's Radicale works: the real functions on the embedded runner must still pull the
 * working calendar at once, however many calendars the hung account has queued first.
 */
import { randomBytes } from "node:crypto";
import { createServer, type Socket } from "node:net";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { storeConnection } from "../../../lib/connections/store-connection.ts";
import { db } from "../../../lib/db/client.ts";
import { readFunctionDefinition } from "../../../lib/jobs/embedded/read-function-definition.ts";
import { startEmbeddedRunner, stopEmbeddedRunner } from "../../../lib/jobs/embedded/start-embedded-runner.ts";
import { functions } from "../../../lib/jobs/functions/index.ts";
import { sendEvent } from "../../../lib/queue/send-event.ts";
import { createCaldavProvider } from "../../../lib/providers/caldav.ts";
import { allowPrivateHost } from "../../helpers/allow-private-host.ts";
import { simpleEvent, startCaldavTarget, type CaldavTarget } from "../../helpers/caldav-servers.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";

const quiet = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const hungCalendars = 6;
let testDb: TestDb;
let target: CaldavTarget;
const tarpit = { port: 0, open: new Set<Socket>(), accepted: 0, close: async () => undefined as unknown };

beforeAll(async () => {
  vi.stubEnv("CONCORD_ENCRYPTION_KEY", randomBytes(32).toString("hex"));
  for (const name of ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_DEV", "INNGEST_BASE_URL"]) {
    vi.stubEnv(name, "");
  }
  // Long enough that the hung pulls are still hanging when the working one is done.
  vi.stubEnv("CONCORD_HTTP_IDLE_TIMEOUT_MS", "50000");
  testDb = await createTestDb("pglite");
  target = await startCaldavTarget("radicale");
  await target.putAsOtherClient({ name: "fair.ics", ical: simpleEvent({ uid: "fair", summary: "Fair" }) });
  const server = createServer((socket) => {
    tarpit.accepted += 1;
    tarpit.open.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => tarpit.open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  tarpit.port = typeof address === "object" && address ? address.port : 0;
  tarpit.close = async () => {
    for (const socket of tarpit.open) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  allowPrivateHost(`127.0.0.1:${tarpit.port}`);
  await startEmbeddedRunner({
    functions: functions.filter((fn) => readFunctionDefinition(fn).crons.length === 0),
    retryDelayMs: () => 60_000,
    logger: quiet,
  });
});

afterAll(async () => {
  // Ending the tarpit's sockets ends the hung pulls, so the runner stops at once.
  await tarpit.close();
  await stopEmbeddedRunner();
  await target?.stop();
  await testDb?.close();
  vi.unstubAllEnvs();
});

it("pulls a working account's calendar while a hung account's pulls hold their requests", async () => {
  const hungUser = await db().user.create({ data: { email: "hung@example.test" } });
  const hungUrl = `http://127.0.0.1:${tarpit.port}/`;
  const hung = await storeConnection({
    userId: hungUser.id,
    provider: "CALDAV",
    serverUrl: hungUrl,
    accountName: "slow",
    credentials: { kind: "password", username: "slow", password: "slow-password" },
    calendars: Array.from({ length: hungCalendars }, (_, i) => ({
      remoteId: `/slow/cal-${i}/`,
      remoteUrl: `${hungUrl}slow/cal-${i}/`,
      name: `Slow ${i}`,
      readOnly: false,
    })),
  });
  const workingUser = await db().user.create({ data: { email: "working@example.test" } });
  const working = await storeConnection({
    userId: workingUser.id,
    provider: "CALDAV",
    serverUrl: target.serverUrl,
    accountName: target.username,
    credentials: { kind: "password", username: target.username, password: target.password },
    calendars: await createCaldavProvider({
      serverUrl: target.serverUrl,
      username: target.username,
      password: target.password,
    }).listCalendars(),
  });
  // The hung account's pulls are queued first, more of them than the runner has slots.
  for (const calendar of hung.calendars) {
    await sendEvent({ name: "concord/calendar.pull", data: { calendarId: calendar.id, reason: "test" } });
  }
  const workingCalendar = working.calendars[0]!;
  await sendEvent({ name: "concord/calendar.pull", data: { calendarId: workingCalendar.id, reason: "test" } });

  await vi.waitFor(
    async () => {
      const event = await db().event.findFirst({ where: { calendarId: workingCalendar.id, uid: "fair" } });
      expect(event).not.toBeNull();
    },
    { timeout: 40_000, interval: 200 },
  );
  // The working pull finished while the hung account was still hanging: no hung pull had ended,
  // and the hung account held one request at a time.
  const hungRuns = await db().syncRun.findMany({ where: { connectionId: hung.connection.id } });
  expect(hungRuns.filter((run) => run.status !== "RUNNING")).toEqual([]);
  expect(tarpit.accepted).toBe(1);
});
