/**
 * The same pull engine over the Google adapter and the Google fake: a stored OAuth connection
 * (providerForConnection reads GOOGLE_CLIENT_ID/SECRET and the fake's URLs from the
 * environment), refreshed tokens persisted encrypted, revoked grants, expired sync tokens, and
 * push channels stopped when the connection is deleted.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db/client.ts";
import { openCredentials } from "../../../lib/connections/connection-credentials.ts";
import { deleteConnection } from "../../../lib/connections/delete-connection.ts";
import { storeConnection } from "../../../lib/connections/store-connection.ts";
import { AuthRevoked } from "../../../lib/providers/errors.ts";
import { canWatch } from "../../../lib/providers/types.ts";
import { providerForConnection } from "../../../lib/connections/provider-for-connection.ts";
import { pullCalendar } from "../../../lib/sync/pull-calendar.ts";
import { startGoogleFake, type GoogleFake } from "../../fakes/google/start-google-fake.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";
import { timed } from "../google-fake/fake-fixture.ts";

const GOOGLE_CALENDAR = "user@example.com";
const env = {
  CONCORD_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
  GOOGLE_CLIENT_ID: "concord-test-client",
  GOOGLE_CLIENT_SECRET: "test-secret",
};

describe("pull from the Google fake", () => {
  let testDb: TestDb;
  let fake: GoogleFake;
  let userId: string;
  let connectionId: string;
  let calendarId: string;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    fake = await startGoogleFake();
    const settings = { ...env, GOOGLE_API_ROOT_URL: fake.url, GOOGLE_OAUTH_URL: fake.url };
    for (const [name, value] of Object.entries(settings)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    testDb = await createTestDb("postgres");
    await fake.control.addCalendar({ id: GOOGLE_CALENDAR, summary: "Me", timeZone: "Europe/Berlin" });
    await fake.control.seedEvents(GOOGLE_CALENDAR, [timed(1), timed(2), timed(3), timed(4)]);
    const grant = await fake.control.createGrant({ clientId: env.GOOGLE_CLIENT_ID });
    const user = await db().user.create({ data: { email: `google-pull-${Date.now()}@example.test` } });
    userId = user.id;
    const credentials = {
      kind: "oauth" as const,
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      expiryDate: grant.expiryDate,
    };
    const draft = await storeConnection({
      userId,
      provider: "GOOGLE",
      serverUrl: null,
      accountName: "user@example.com",
      credentials,
      calendars: [],
    });
    const provider = await providerForConnection({ connection: draft.connection });
    const stored = await storeConnection({
      userId,
      provider: "GOOGLE",
      serverUrl: null,
      accountName: "user@example.com",
      credentials,
      calendars: await provider.listCalendars(),
    });
    connectionId = stored.connection.id;
    calendarId = stored.calendars.find((calendar) => calendar.remoteId === GOOGLE_CALENDAR)!.id;
  });
  afterAll(async () => {
    await testDb?.close();
    await fake?.stop();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it("pulls Google events into rows with an iCalendar payload", async () => {
    const result = await pullCalendar({ calendarId });
    expect(result).toMatchObject({ created: 4, updated: 0, deleted: 0, held: 0 });
    const rows = await db().event.findMany({ where: { calendarId }, orderBy: { title: "asc" } });
    expect(rows.map((row) => row.title)).toEqual(["Event 1", "Event 2", "Event 3", "Event 4"]);
    expect(rows[0]?.ical).toContain("BEGIN:VEVENT");
    expect(rows[0]?.startAt?.toISOString()).toBe("2026-03-02T08:00:00.000Z");
    expect(rows[0]).toMatchObject({ timeZone: "Europe/Berlin", syncState: "SYNCED", parseError: null });
    expect((await db().calendar.findUniqueOrThrow({ where: { id: calendarId } })).syncToken).toBeTruthy();
  });

  it("pulls another client's edit and deletion incrementally, then a full listing after the token expires", async () => {
    const stored = await fake.control.storedEvents(GOOGLE_CALENDAR);
    const byTitle = new Map(stored.map((event) => [event.summary, event.id]));
    await fake.control.mutate({
      calendarId: GOOGLE_CALENDAR,
      action: "patch",
      eventId: byTitle.get("Event 1"),
      event: { summary: "Event 1, moved" },
    });
    await fake.control.mutate({ calendarId: GOOGLE_CALENDAR, action: "delete", eventId: byTitle.get("Event 2") });
    expect(await pullCalendar({ calendarId })).toMatchObject({ created: 0, updated: 1, deleted: 1, held: 0 });
    expect(await db().event.count({ where: { calendarId, title: "Event 1, moved" } })).toBe(1);

    await fake.control.invalidateSyncTokens(GOOGLE_CALENDAR);
    const full = await pullCalendar({ calendarId });
    expect(full).toMatchObject({ created: 0, updated: 0, deleted: 0, held: 0 });
    expect((await db().syncRun.findUniqueOrThrow({ where: { id: full.runId } })).kind).toBe("FULL_PULL");
    expect(await db().event.count({ where: { calendarId } })).toBe(3);
  });

  it("stores refreshed access tokens encrypted", async () => {
    const before = await db().connection.findUniqueOrThrow({ where: { id: connectionId } });
    // The stored expiry is still in the future: the adapter meets a 401 and refreshes.
    await fake.control.expireAccessTokens();
    await pullCalendar({ calendarId });
    const after = await db().connection.findUniqueOrThrow({ where: { id: connectionId } });
    const opened = openCredentials(after.credentials, connectionId);
    expect(opened.kind).toBe("oauth");
    expect(after.credentials).not.toBe(before.credentials);
    expect(after.credentials).not.toContain(opened.kind === "oauth" ? opened.accessToken : "");
    expect(opened.kind === "oauth" && opened.accessToken).not.toBe(
      (openCredentials(before.credentials, connectionId) as { accessToken: string }).accessToken,
    );
  });

  it("stops the push channels of a deleted connection and removes its rows", async () => {
    const connection = await db().connection.findUniqueOrThrow({ where: { id: connectionId } });
    const provider = await providerForConnection({ connection });
    expect(canWatch(provider)).toBe(true);
    if (!canWatch(provider)) return;
    const calendar = await db().calendar.findUniqueOrThrow({ where: { id: calendarId } });
    const channelId = `channel-${Date.now()}`;
    const watched = await provider.watch({
      calendar,
      channelId,
      token: "secret-token",
      address: "https://concord.example/api/webhooks/google",
    });
    await db().watchChannel.create({
      data: {
        userId,
        calendarId,
        channelId,
        resourceId: watched.resourceId,
        token: "sealed",
        expiresAt: watched.expiresAt,
      },
    });
    expect((await fake.control.channels()).find((c) => c.id === channelId)?.isStopped).toBe(false);

    await deleteConnection({ userId, connectionId });
    expect((await fake.control.channels()).find((c) => c.id === channelId)?.isStopped).toBe(true);
    expect(await db().event.count({ where: { calendarId } })).toBe(0);
    expect(await db().watchChannel.count({ where: { channelId } })).toBe(0);
  });

  it("marks the connection NEEDS_REAUTH when the grant is revoked, keeping its events", async () => {
    const grant = await fake.control.createGrant({ clientId: env.GOOGLE_CLIENT_ID });
    const stored = await storeConnection({
      userId,
      provider: "GOOGLE",
      serverUrl: null,
      accountName: "revoked@example.com",
      credentials: { kind: "oauth", accessToken: grant.accessToken, refreshToken: grant.refreshToken, expiryDate: 1 },
      calendars: [{ remoteId: GOOGLE_CALENDAR, name: "Me", readOnly: false }],
    });
    const revokedCalendarId = stored.calendars[0]!.id;
    await pullCalendar({ calendarId: revokedCalendarId });
    const kept = await db().event.count({ where: { calendarId: revokedCalendarId } });
    expect(kept).toBeGreaterThan(0);
    await fake.control.revokeGrants({ refreshToken: grant.refreshToken });
    await expect(pullCalendar({ calendarId: revokedCalendarId })).rejects.toBeInstanceOf(AuthRevoked);
    const connection = await db().connection.findUniqueOrThrow({ where: { id: stored.connection.id } });
    expect(connection.status).toBe("NEEDS_REAUTH");
    expect(await db().event.count({ where: { calendarId: revokedCalendarId } })).toBe(kept);
  });
});
