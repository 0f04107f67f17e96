/**
 * The real functions on the embedded runner against a real Radicale, through `sendEvent`:
 * initial sync, a local edit pushed from the outbox, and a pull of a change made elsewhere.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { storeConnection } from "../../../lib/connections/store-connection.ts";
import { db } from "../../../lib/db/client.ts";
import { createEvent } from "../../../lib/events/create-event.ts";
import { readFunctionDefinition } from "../../../lib/jobs/embedded/read-function-definition.ts";
import {
  drainEmbeddedRunner,
  startEmbeddedRunner,
  stopEmbeddedRunner,
} from "../../../lib/jobs/embedded/start-embedded-runner.ts";
import { functions } from "../../../lib/jobs/functions/index.ts";
import { sendEvent } from "../../../lib/queue/send-event.ts";
import { createCaldavProvider } from "../../../lib/providers/caldav.ts";
import { simpleEvent, startCaldavTarget, type CaldavTarget } from "../../helpers/caldav-servers.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";

const quiet = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
let testDb: TestDb;
let target: CaldavTarget;
let userId: string;
let connectionId: string;
let calendarId: string;

beforeAll(async () => {
  vi.stubEnv("CONCORD_ENCRYPTION_KEY", randomBytes(32).toString("hex"));
  for (const name of ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_DEV", "INNGEST_BASE_URL"]) {
    vi.stubEnv(name, "");
  }
  testDb = await createTestDb("pglite");
  target = await startCaldavTarget("radicale");
  await target.putAsOtherClient({ name: "first.ics", ical: simpleEvent({ uid: "first", summary: "First" }) });
  userId = (await db().user.create({ data: { email: "jobs-radicale@example.test" } })).id;
  const credentials = { serverUrl: target.serverUrl, username: target.username, password: target.password };
  const stored = await storeConnection({
    userId,
    provider: "CALDAV",
    serverUrl: target.serverUrl,
    accountName: target.username,
    credentials: { kind: "password", username: target.username, password: target.password },
    calendars: await createCaldavProvider(credentials).listCalendars(),
  });
  connectionId = stored.connection.id;
  calendarId = stored.calendars[0]!.id;
  // Schedules are left out: their runs would only make the drains below wait longer.
  await startEmbeddedRunner({
    functions: functions.filter((fn) => readFunctionDefinition(fn).crons.length === 0),
    retryDelayMs: () => 10,
    logger: quiet,
  });
  // The start rebuilt a pull of the never-synced calendar; let it finish first.
  await drainEmbeddedRunner();
});

afterAll(async () => {
  await stopEmbeddedRunner();
  await target?.stop();
  await testDb?.close();
  vi.unstubAllEnvs();
});

const remoteUids = async () => {
  const provider = createCaldavProvider({
    serverUrl: target.serverUrl,
    username: target.username,
    password: target.password,
  });
  const calendar = await db().calendar.findUniqueOrThrow({ where: { id: calendarId } });
  const listing = await provider.pull({ calendar, cursor: null });
  return listing.changes.flatMap((change) =>
    change.type === "upsert" ? [/UID:(.*)\r?\n/.exec(change.ical)?.[1]?.trim()] : [],
  );
};

describe("jobs against Radicale", () => {
  it("runs the initial sync of a new connection", async () => {
    const before = await db().syncRun.count({ where: { calendarId } });
    await sendEvent({ name: "concord/connection.initial-sync", data: { connectionId } });
    await drainEmbeddedRunner();
    const rows = await db().event.findMany({ where: { calendarId } });
    expect(rows.map((row) => row.uid)).toEqual(["first"]);
    expect(await db().syncRun.count({ where: { calendarId } })).toBeGreaterThan(before);
    expect((await db().calendar.findUniqueOrThrow({ where: { id: calendarId } })).lastSyncedAt).not.toBeNull();
    expect(quiet.error).not.toHaveBeenCalled();
  });

  it("pushes a local edit from the outbox", async () => {
    const created = await createEvent({
      userId,
      input: { calendarId, title: "Made in Concord", start: "2026-04-02T10:00:00Z", end: "2026-04-02T11:00:00Z" },
    });
    await drainEmbeddedRunner();
    const changes = await db().pendingChange.findMany({ where: { eventId: created.id } });
    expect(changes.map((change) => change.status)).toEqual(["DONE"]);
    expect(await remoteUids()).toContain(created.uid);
    expect(quiet.error).not.toHaveBeenCalled();
  });

  it("pulls a change made by another client once for a burst of requests", async () => {
    const pullRuns = () => db().syncRun.count({ where: { calendarId, kind: { in: ["PULL", "FULL_PULL"] } } });
    const before = await pullRuns();
    await target.putAsOtherClient({ name: "second.ics", ical: simpleEvent({ uid: "second", summary: "Second" }) });
    await sendEvent({ name: "concord/calendar.pull", data: { calendarId, reason: "test" } });
    await sendEvent({ name: "concord/calendar.pull", data: { calendarId, reason: "test" } });
    await drainEmbeddedRunner();
    const uids = (await db().event.findMany({ where: { calendarId } })).map((row) => row.uid);
    expect(uids).toContain("second");
    expect((await pullRuns()) - before).toBe(1);
    expect(quiet.error).not.toHaveBeenCalled();
  });
});
