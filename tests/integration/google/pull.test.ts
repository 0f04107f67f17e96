/**
 * Google calendars pulled through the engine (pullCalendar with the connection's own adapter,
 * the real googleapis client against the fake): several pages, incremental changes, no-op,
 * 410 fullSyncRequired mid-life keeping pending local edits, rate-limit/5xx recovery, and a
 * revoked grant leaving the connection NEEDS_REAUTH with all data kept until reconnection.
 */
import { describe, expect, it } from "vitest";
import { openCredentials } from "../../../lib/connections/connection-credentials.ts";
import { db } from "../../../lib/db/client.ts";
import { updateEvent } from "../../../lib/events/update-event.ts";
import { AuthRevoked, RemoteUnavailable } from "../../../lib/providers/errors.ts";
import { createGoogleProvider } from "../../../lib/providers/google.ts";
import { pullCalendar } from "../../../lib/sync/pull-calendar.ts";
import { connectGoogle, googleEvent, PRIMARY, setupGoogleIntegration, userWithGoogle } from "./google-harness.ts";

const h = setupGoogleIntegration();

async function primaryCalendar(userId: string) {
  return db().calendar.findFirstOrThrow({ where: { userId, remoteId: PRIMARY }, include: { connection: true } });
}

const counts = (result: { created: number; updated: number; deleted: number }) => ({
  created: result.created,
  updated: result.updated,
  deleted: result.deleted,
});

/** The connection's adapter with tiny backoff delays, so injected faults retry quickly. */
async function quickRetryProvider(connectionId: string) {
  const connection = await db().connection.findUniqueOrThrow({ where: { id: connectionId } });
  const credentials = openCredentials(connection.credentials, connection.id);
  if (credentials.kind !== "oauth") throw new Error("not an OAuth connection");
  return createGoogleProvider({
    credentials,
    clientId: process.env.GOOGLE_CLIENT_ID as string,
    clientSecret: process.env.GOOGLE_CLIENT_SECRET as string,
    retryPolicy: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
  });
}

describe("Google pull through the engine", () => {
  it("pulls several pages fully, then only the changes, then nothing", async () => {
    const { userId } = await userWithGoogle("pages");
    const seeded = await h.fake.control.seedEvents(
      PRIMARY,
      Array.from({ length: 2600 }, (_, i) => googleEvent(i)),
    );
    const calendar = await primaryCalendar(userId);
    await h.fake.control.clearRequests();
    const full = await pullCalendar({ calendarId: calendar.id });
    expect(counts(full)).toEqual({ created: 2600, updated: 0, deleted: 0 });
    const listings = (await h.fake.control.requests()).requests.filter((r) => r.path.endsWith("/events"));
    expect(listings).toHaveLength(2);
    expect(await db().event.count({ where: { calendarId: calendar.id } })).toBe(2600);
    const cursor = (await primaryCalendar(userId)).syncToken;
    expect(cursor).toEqual(expect.any(String));

    await h.fake.control.mutate({ calendarId: PRIMARY, action: "insert", event: googleEvent(9000) });
    await h.fake.control.mutate({
      calendarId: PRIMARY,
      action: "patch",
      eventId: seeded[0]?.id,
      event: { summary: "Renamed" },
    });
    await h.fake.control.mutate({ calendarId: PRIMARY, action: "delete", eventId: seeded[1]?.id });
    await h.fake.control.clearRequests();
    expect(counts(await pullCalendar({ calendarId: calendar.id }))).toEqual({ created: 1, updated: 1, deleted: 1 });
    const { requests } = await h.fake.control.requests();
    expect(requests.filter((r) => r.path.endsWith("/events")).map((r) => r.query.syncToken)).toEqual([cursor]);
    const renamed = await db().event.findFirstOrThrow({ where: { calendarId: calendar.id, remoteRef: seeded[0]?.id } });
    expect(renamed.title).toBe("Renamed");

    expect(counts(await pullCalendar({ calendarId: calendar.id }))).toEqual({ created: 0, updated: 0, deleted: 0 });
    expect(await db().event.count({ where: { calendarId: calendar.id } })).toBe(2600);
  });

  it("answers 410 fullSyncRequired with a full listing that sweeps deletions and keeps pending local edits", async () => {
    const { userId } = await userWithGoogle("gone");
    const [a, b, c] = await h.fake.control.seedEvents(PRIMARY, [googleEvent(1), googleEvent(2), googleEvent(3)]);
    const calendar = await primaryCalendar(userId);
    await pullCalendar({ calendarId: calendar.id });
    const local = await db().event.findFirstOrThrow({ where: { calendarId: calendar.id, remoteRef: a?.id } });
    await updateEvent({ userId, id: local.id, input: { title: "Edited here" } });

    await h.fake.control.mutate({ calendarId: PRIMARY, action: "patch", eventId: b?.id, event: { summary: "B2" } });
    await h.fake.control.mutate({ calendarId: PRIMARY, action: "delete", eventId: c?.id });
    await h.fake.control.invalidateSyncTokens(PRIMARY);
    await h.fake.control.clearRequests();

    const result = await pullCalendar({ calendarId: calendar.id });
    expect(result).toMatchObject({ updated: 1, deleted: 1, held: 0 });
    const statuses = (await h.fake.control.requests()).requests
      .filter((r) => r.path.endsWith("/events"))
      .map((r) => [r.status, r.query.syncToken === undefined]);
    expect(statuses).toEqual([
      [410, false],
      [200, true],
    ]);
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run.kind).toBe("FULL_PULL");
    const rows = await db().event.findMany({ where: { calendarId: calendar.id }, orderBy: { title: "asc" } });
    expect(rows.map((row) => [row.title, row.syncState])).toEqual([
      ["B2", "SYNCED"],
      ["Edited here", "PENDING"],
    ]);
    expect(await db().pendingChange.count({ where: { eventId: local.id, status: "PENDING" } })).toBe(1);
  });

  it("rides out rate limits and 5xx inside the engine, and a pull that gives up changes nothing", async () => {
    const { userId, connectionId } = await userWithGoogle("faults");
    await h.fake.control.seedEvents(PRIMARY, [googleEvent(1), googleEvent(2)]);
    const calendar = await primaryCalendar(userId);
    const provider = await quickRetryProvider(connectionId);
    await h.fake.control.addFault({ path: "/events", status: 429, retryAfterSeconds: 0, count: 1 });
    await h.fake.control.addFault({ path: "/events", status: 503, count: 1 });
    await h.fake.control.addFault({ path: "/events", status: 403, count: 1 });
    expect(counts(await pullCalendar({ calendarId: calendar.id, provider }))).toEqual({
      created: 2,
      updated: 0,
      deleted: 0,
    });
    const statuses = (await h.fake.control.requests()).requests
      .filter((r) => r.path.endsWith("/events"))
      .map((r) => r.status);
    expect(statuses).toEqual([429, 503, 403, 200]);

    await h.fake.control.mutate({ calendarId: PRIMARY, action: "insert", event: googleEvent(3) });
    await h.fake.control.addFault({ path: "/events", status: 500, count: 10 });
    await expect(pullCalendar({ calendarId: calendar.id, provider })).rejects.toBeInstanceOf(RemoteUnavailable);
    const failed = await primaryCalendar(userId);
    expect(failed.syncState).toBe("ERROR");
    expect(await db().event.count({ where: { calendarId: calendar.id } })).toBe(2);
    await h.fake.control.clearFaults();
    expect(counts(await pullCalendar({ calendarId: calendar.id, provider }))).toEqual({
      created: 1,
      updated: 0,
      deleted: 0,
    });
    expect((await primaryCalendar(userId)).syncState).toBe("OK");
  });

  it("a revoked grant makes the connection needs_reauth with events and pending edits kept; reconnecting resumes", async () => {
    const { userId, token, connectionId } = await userWithGoogle("revoked");
    await h.fake.control.seedEvents(PRIMARY, [googleEvent(1), googleEvent(2)]);
    const calendar = await primaryCalendar(userId);
    await pullCalendar({ calendarId: calendar.id });
    const local = await db().event.findFirstOrThrow({ where: { calendarId: calendar.id } });
    await updateEvent({ userId, id: local.id, input: { title: "Mine" } });

    await h.fake.control.revokeGrants({ email: PRIMARY });
    await expect(pullCalendar({ calendarId: calendar.id })).rejects.toBeInstanceOf(AuthRevoked);
    const revoked = await db().connection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(revoked.status).toBe("NEEDS_REAUTH");
    expect(revoked.lastError).toEqual(expect.any(String));
    expect(await db().event.count({ where: { calendarId: calendar.id } })).toBe(2);
    expect(await db().pendingChange.count({ where: { eventId: local.id, status: "PENDING" } })).toBe(1);

    // Reconnecting the same account (same user) makes the same connection active again.
    const again = await connectGoogle({ token });
    expect(again.location).toContain("connected=google");
    const active = await db().connection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(active.status).toBe("ACTIVE");
    await h.fake.control.mutate({ calendarId: PRIMARY, action: "insert", event: googleEvent(3) });
    expect(counts(await pullCalendar({ calendarId: calendar.id }))).toMatchObject({ created: 1, deleted: 0 });
    expect(await db().event.count({ where: { calendarId: calendar.id } })).toBe(3);
    expect(await db().pendingChange.count({ where: { eventId: local.id, status: "PENDING" } })).toBe(1);
  });
});
