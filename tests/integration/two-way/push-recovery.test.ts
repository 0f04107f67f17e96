/**
 * The outbox survives what a process can suffer: a stop between the local write and the push
 * (the entry is in the database; a later push sends it exactly once), a create whose response
 * was lost (the retry finds its own object under the same name instead of duplicating it),
 * throttling (backoff, rethrown for the job layer), revoked credentials (entries kept), and the
 * iCloud rule that guests are not mailed on every edit (SCHEDULE-AGENT=CLIENT).
 */
import { describe, expect, it } from "vitest";
import { listCalendars } from "../../../lib/calendars/list-calendars.ts";
import { db } from "../../../lib/db/client.ts";
import { createEvent } from "../../../lib/events/create-event.ts";
import { deleteEvent } from "../../../lib/events/delete-event.ts";
import { moveEvent } from "../../../lib/events/move-event.ts";
import { updateEvent } from "../../../lib/events/update-event.ts";
import { extractEventFields } from "../../../lib/ical/extract-event-fields.ts";
import { createCaldavProvider } from "../../../lib/providers/caldav.ts";
import { AuthRevoked, RateLimited, RemoteUnavailable, WriteForbidden } from "../../../lib/providers/errors.ts";
import type { CalendarProvider } from "../../../lib/providers/types.ts";
import { pushCalendar } from "../../../lib/sync/push-calendar.ts";
import { retryRefusedChanges } from "../../../lib/sync/push/retry-refused-changes.ts";
import { createScenario, eventRow, remoteKinds, type Scenario, useTwoWayServers } from "./two-way-harness.ts";

const servers = useTwoWayServers();

const meeting = { title: "Standup", start: "2026-08-03T07:00:00Z", end: "2026-08-03T07:15:00Z" };
const later = () => new Date(Date.now() + 2 * 3_600_000);

/** The adapter with one method replaced. */
function withOverride(provider: CalendarProvider, override: Partial<CalendarProvider>): CalendarProvider {
  return { ...provider, ...override, name: provider.name };
}

/** The adapter as a server that answers every create with 403 (the calendar became read-only). */
function refusingCreates(provider: CalendarProvider): CalendarProvider {
  return withOverride(provider, {
    createEvent: async () => {
      throw new WriteForbidden("the calendar is read-only for this account", 403);
    },
  });
}

describe.each(remoteKinds)("push recovery on %s", (kind) => {
  it("an edit written before a stop is pushed exactly once by a later push", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const created = await createEvent({ userId: s.userId, input: { calendarId: s.calendarId, ...meeting } });
    await updateEvent({ userId: s.userId, id: created.id, input: { title: "Standup (short)" } });
    // The process stops here: nothing was pushed, both entries wait in the outbox.
    expect(await db().pendingChange.count({ where: { eventId: created.id, status: "PENDING" } })).toBe(2);
    // A restarted process: a new adapter instance, state only from the database.
    const restarted = () => pushCalendar({ calendarId: s.calendarId, provider: s.other });
    expect(await restarted()).toMatchObject({ pushed: 1, failed: 0 });
    expect(await restarted()).toMatchObject({ pushed: 0 });
    const remote = await s.remoteObjects();
    expect(remote.map((o) => extractEventFields(o.ical).title)).toEqual(["Standup (short)"]);
    expect(await db().pendingChange.count({ where: { eventId: created.id, status: "DONE" } })).toBe(2);
  });

  it("an edit made while its event is being pushed is kept and pushed next", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const created = await createEvent({ userId: s.userId, input: { calendarId: s.calendarId, ...meeting } });
    await s.push();
    await updateEvent({ userId: s.userId, id: created.id, input: { title: "Standup v2" } });
    const racing = withOverride(s.provider, {
      updateEvent: async (params) => {
        // The person edits again while the request for v2 is on the wire.
        await updateEvent({ userId: s.userId, id: created.id, input: { location: "Room 7" } });
        return s.provider.updateEvent(params);
      },
    });
    expect(await pushCalendar({ calendarId: s.calendarId, provider: racing })).toMatchObject({ pushed: 1 });
    expect(await eventRow(created.id)).toMatchObject({ syncState: "PENDING", title: "Standup v2", location: "Room 7" });
    expect(await s.push()).toMatchObject({ pushed: 1 });
    const remote = await s.remoteObjects();
    expect(extractEventFields(remote[0]!.ical)).toMatchObject({ title: "Standup v2", location: "Room 7" });
    expect((await eventRow(created.id)).syncState).toBe("SYNCED");
  });

  it("a create whose response was lost is not duplicated by the retry", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const created = await createEvent({ userId: s.userId, input: { calendarId: s.calendarId, ...meeting } });
    const lossy = withOverride(s.provider, {
      createEvent: async (params) => {
        await s.provider.createEvent(params);
        throw new RemoteUnavailable("connection reset before the response arrived");
      },
    });
    expect(await pushCalendar({ calendarId: s.calendarId, provider: lossy })).toMatchObject({ pushed: 0, failed: 1 });
    const change = await db().pendingChange.findFirstOrThrow({ where: { eventId: created.id } });
    expect(change).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(change.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect((await eventRow(created.id)).remoteRef).toBeNull();
    // Edited meanwhile: the retry must land the edit on the one object already there.
    await updateEvent({ userId: s.userId, id: created.id, input: { title: "Standup (retried)" } });

    expect(await pushCalendar({ calendarId: s.calendarId, provider: s.provider, now: later() })).toMatchObject({
      pushed: 1,
      failed: 0,
    });
    const remote = await s.remoteObjects();
    expect(remote).toHaveLength(1);
    expect(extractEventFields(remote[0]!.ical).title).toBe("Standup (retried)");
    expect(await eventRow(created.id)).toMatchObject({ remoteRef: remote[0]!.ref, syncState: "SYNCED" });
  });

  it("a create whose response was lost, then deleted locally, leaves nothing behind remotely", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const created = await createEvent({ userId: s.userId, input: { calendarId: s.calendarId, ...meeting } });
    const lossy = withOverride(s.provider, {
      createEvent: async (params) => {
        await s.provider.createEvent(params);
        throw new RemoteUnavailable("connection reset before the response arrived");
      },
    });
    await pushCalendar({ calendarId: s.calendarId, provider: lossy });
    expect(await s.remoteObjects()).toHaveLength(1);
    await deleteEvent({ userId: s.userId, id: created.id });
    expect(await pushCalendar({ calendarId: s.calendarId, provider: s.provider, now: later() })).toMatchObject({
      pushed: 1,
    });
    expect(await s.remoteObjects()).toHaveLength(0);
    expect(await db().event.findUnique({ where: { id: created.id } })).toBeNull();
  });

  it("a create recorded as never answered (ref and etag lost) is adopted, not written twice", async () => {
    const s = await createScenario({ server: servers[kind]! });
    const created = await createEvent({ userId: s.userId, input: { calendarId: s.calendarId, ...meeting } });
    await s.push();
    // As if the response had been dropped: the row forgets the ref and the entry is pending again.
    await db().event.update({
      where: { id: created.id },
      data: { remoteRef: null, etag: null, base: null, syncState: "PENDING" },
    });
    await db().pendingChange.updateMany({ where: { eventId: created.id }, data: { status: "PENDING" } });
    expect(await s.push()).toMatchObject({ pushed: 1, failed: 0 });
    expect(await s.remoteObjects()).toHaveLength(1);
    expect((await eventRow(created.id)).remoteRef).toBe((await s.remoteObjects())[0]!.ref);
  });
});

describe("push failures and iCloud rules", () => {
  async function pendingCreate(s: Scenario) {
    return createEvent({ userId: s.userId, input: { calendarId: s.calendarId, ...meeting } });
  }

  it("RateLimited backs the event off (at least Retry-After) and is rethrown", async () => {
    const s = await createScenario({ server: servers.radicale! });
    const created = await pendingCreate(s);
    const throttled = withOverride(s.provider, {
      createEvent: async () => {
        throw new RateLimited("slow down", 30_000, 503);
      },
    });
    const before = Date.now();
    await expect(pushCalendar({ calendarId: s.calendarId, provider: throttled })).rejects.toBeInstanceOf(RateLimited);
    const change = await db().pendingChange.findFirstOrThrow({ where: { eventId: created.id } });
    expect(change.attempts).toBe(1);
    expect(change.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 30_000);
    // Backing off: an immediate push leaves it alone.
    expect(await pushCalendar({ calendarId: s.calendarId, provider: s.provider })).toMatchObject({ pushed: 0 });
    expect(await s.remoteObjects()).toHaveLength(0);
  });

  it("AuthRevoked marks the connection NEEDS_REAUTH and keeps the entry", async () => {
    const s = await createScenario({ server: servers.radicale! });
    const created = await pendingCreate(s);
    const revoked = withOverride(s.provider, {
      createEvent: async () => {
        throw new AuthRevoked("401", 401);
      },
    });
    expect(await pushCalendar({ calendarId: s.calendarId, provider: revoked })).toMatchObject({ failed: 1 });
    const calendar = await db().calendar.findUniqueOrThrow({
      where: { id: s.calendarId },
      include: { connection: true },
    });
    expect(calendar.connection.status).toBe("NEEDS_REAUTH");
    expect(await db().pendingChange.findFirstOrThrow({ where: { eventId: created.id } })).toMatchObject({
      status: "PENDING",
      attempts: 0,
    });
    // Stopped until reconnected.
    expect(await pushCalendar({ calendarId: s.calendarId, provider: s.provider })).toMatchObject({ pushed: 0 });
  });

  it("a write the remote forbids (403) fails the entry with its reason instead of retrying forever", async () => {
    const s = await createScenario({ server: servers.radicale! });
    const created = await pendingCreate(s);
    const forbidden = refusingCreates(s.provider);
    expect(await pushCalendar({ calendarId: s.calendarId, provider: forbidden })).toMatchObject({ failed: 1 });
    const change = await db().pendingChange.findFirstOrThrow({ where: { eventId: created.id } });
    expect(change.status).toBe("FAILED");
    expect(change.lastError).toContain("read-only");
    expect(await pushCalendar({ calendarId: s.calendarId, provider: s.provider, now: later() })).toMatchObject({
      pushed: 0,
    });
    // The person is told on the calendar, not only by an event that stays "pending".
    const [view] = (await listCalendars({ userId: s.userId })).filter((c) => c.id === s.calendarId);
    expect(view).toMatchObject({ syncState: "error", unsentChanges: 1 });
    expect(view?.syncError).toMatch(/^1 change made here could not be sent: the server refused to write/);
    // "Sync now" queues it again: still refused, it fails again; once the server takes it, it is sent.
    expect(await retryRefusedChanges({ userId: s.userId, calendarIds: [s.calendarId] })).toEqual([s.calendarId]);
    expect(await pushCalendar({ calendarId: s.calendarId, provider: forbidden, now: later() })).toMatchObject({
      failed: 1,
    });
    expect((await listCalendars({ userId: s.userId })).find((c) => c.id === s.calendarId)?.unsentChanges).toBe(1);
    // Moving the refused event to a calendar that takes writes, as the sentence suggests, clears it.
    const target = await createScenario({ server: servers.radicale!, userId: s.userId });
    await moveEvent({ userId: s.userId, eventId: created.id, calendarId: target.calendarId });
    await pushCalendar({ calendarId: target.calendarId, provider: target.provider, now: later() });
    await pushCalendar({ calendarId: s.calendarId, provider: s.provider, now: later() });
    expect((await target.remoteObjects()).map((o) => extractEventFields(o.ical).title)).toHaveLength(1);
    const after = (await listCalendars({ userId: s.userId })).find((c) => c.id === s.calendarId);
    expect(after).toMatchObject({ syncState: "ok", syncError: null, unsentChanges: 0 });
  });

  it("sends a refused change after all once the server takes writes again and the person syncs", async () => {
    const s = await createScenario({ server: servers.radicale! });
    const created = await pendingCreate(s);
    const forbidden = refusingCreates(s.provider);
    expect(await pushCalendar({ calendarId: s.calendarId, provider: forbidden })).toMatchObject({ failed: 1 });
    expect(await retryRefusedChanges({ userId: s.userId, calendarIds: [s.calendarId] })).toEqual([s.calendarId]);
    expect(await pushCalendar({ calendarId: s.calendarId, provider: s.provider, now: later() })).toMatchObject({
      pushed: 1,
      failed: 0,
    });
    expect((await eventRow(created.id)).syncState).toBe("SYNCED");
    expect(await s.remoteObjects()).toHaveLength(1);
    expect((await listCalendars({ userId: s.userId })).find((c) => c.id === s.calendarId)?.unsentChanges).toBe(0);
    // Nothing refused is left to retry.
    expect(await retryRefusedChanges({ userId: s.userId, calendarIds: [s.calendarId] })).toEqual([]);
  });

  it("writes SCHEDULE-AGENT=CLIENT on attendees when the remote is iCloud", async () => {
    const s = await createScenario({ server: servers.radicale! });
    const url = s.ref.remoteUrl!;
    const serverUrl = new URL("/", url).href;
    const icloudLike = createCaldavProvider({
      serverUrl,
      username: "alice",
      password: "alice-password",
      name: "icloud",
      requireDtend: true,
    });
    const created = await pendingCreate(s);
    await pushCalendar({ calendarId: s.calendarId, provider: icloudLike });
    const row = await eventRow(created.id);
    // Give the event guests, as an invitation edited in Concord would have.
    await db().event.update({
      where: { id: created.id },
      data: {
        ical: row.ical.replace("END:VEVENT", "ATTENDEE;CN=Guest:mailto:guest@example.com\r\nEND:VEVENT"),
        base: row.ical,
      },
    });
    await updateEvent({ userId: s.userId, id: created.id, input: { title: "Standup with guest" } });
    await pushCalendar({ calendarId: s.calendarId, provider: icloudLike });
    const remote = (await s.remoteFetch(row.remoteRef!))!;
    expect(remote.ical.replace(/\r\n[ \t]/g, "")).toMatch(
      /^ATTENDEE;[^\r\n]*SCHEDULE-AGENT=CLIENT[^\r\n]*:mailto:guest@example.com/m,
    );
  });
});

describe("moving inside one iCloud account", () => {
  const pendingCreate = (s: Scenario) =>
    createEvent({ userId: s.userId, input: { calendarId: s.calendarId, ...meeting } });

  it("deletes from the source before creating in the target (one UID per account)", async () => {
    const s = await createScenario({ server: servers.radicale! });
    const source = await db().calendar.findUniqueOrThrow({ where: { id: s.calendarId } });
    const targetUrl = (await servers.radicale!.newCalendar()).ref.remoteUrl!;
    const target = await db().calendar.create({
      data: {
        userId: s.userId,
        connectionId: source.connectionId,
        remoteId: targetUrl,
        remoteUrl: targetUrl,
        remoteName: "Target",
      },
    });
    const calls: string[] = [];
    const real = createCaldavProvider({
      serverUrl: new URL("/", targetUrl).href,
      username: "alice",
      password: "alice-password",
      name: "icloud",
    });
    const icloudLike = withOverride(real, {
      createEvent: async (params) => {
        calls.push(`create ${params.calendar.remoteId === targetUrl ? "target" : "source"}`);
        return real.createEvent(params);
      },
      deleteEvent: async (params) => {
        calls.push(`delete ${params.calendar.remoteId === targetUrl ? "target" : "source"}`);
        return real.deleteEvent(params);
      },
    });
    const created = await pendingCreate(s);
    await pushCalendar({ calendarId: s.calendarId, provider: icloudLike });
    const { event: moved } = await moveEvent({ userId: s.userId, eventId: created.id, calendarId: target.id });

    // The target's own push waits for the source side.
    expect(await pushCalendar({ calendarId: target.id, provider: icloudLike })).toMatchObject({ pushed: 0, failed: 0 });
    expect(await pushCalendar({ calendarId: s.calendarId, provider: icloudLike })).toMatchObject({
      pushed: 2,
      failed: 0,
    });
    expect(calls).toEqual(["create source", "delete source", "create target"]);
    expect(await s.remoteObjects()).toHaveLength(0);
    expect(await eventRow(moved.id)).toMatchObject({ syncState: "SYNCED" });
    const inTarget = await real.pull({ calendar: { remoteId: targetUrl, remoteUrl: targetUrl }, cursor: null });
    expect(inTarget.changes).toHaveLength(1);
  });
});
