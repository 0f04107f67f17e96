/**
 * Calendar lists kept current without a reconnect: another client creates, renames, recolours
 * and deletes calendars on Radicale and in the Google fake; one refresh shows it. A calendar
 * leaves only when the server says it is gone; local overrides and unsent local changes stay.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCalendars } from "../../../lib/calendars/list-calendars.ts";
import { storeConnection } from "../../../lib/connections/store-connection.ts";
import { db } from "../../../lib/db/client.ts";
import { createEvent } from "../../../lib/events/create-event.ts";
import { deleteEvent } from "../../../lib/events/delete-event.ts";
import { createCaldavProvider } from "../../../lib/providers/caldav.ts";
import { RemoteUnavailable } from "../../../lib/providers/errors.ts";
import type { CalendarProvider } from "../../../lib/providers/types.ts";
import { refreshCalendarList } from "../../../lib/sync/calendar-list/refresh-calendar-list.ts";
import { pullCalendar } from "../../../lib/sync/pull-calendar.ts";
import { startGoogleFake, type GoogleFake } from "../../fakes/google/start-google-fake.ts";
import { deleteObject, setCalendarProperties } from "../../helpers/caldav-client.ts";
import { simpleEvent, startCaldavTarget, type CaldavTarget } from "../../helpers/caldav-servers.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";

const savedEnv: Record<string, string | undefined> = {};
function setEnv(values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    if (!(name in savedEnv)) savedEnv[name] = process.env[name];
    process.env[name] = value;
  }
}

let testDb: TestDb;
beforeAll(async () => {
  setEnv({ CONCORD_ENCRYPTION_KEY: randomBytes(32).toString("hex") });
  testDb = await createTestDb("postgres");
});
afterAll(async () => {
  await testDb?.close();
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const calendarsOf = (connectionId: string) =>
  db().calendar.findMany({ where: { connectionId }, orderBy: { remoteName: "asc" } });

describe("calendar list of a CalDAV account (Radicale)", () => {
  let target: CaldavTarget;
  let userId: string;
  let connectionId: string;
  let workId: string;

  beforeAll(async () => {
    target = await startCaldavTarget("radicale");
    await target.putAsOtherClient({ name: "standup.ics", ical: simpleEvent({ uid: "standup@list.test" }) });
    const user = await db().user.create({ data: { email: `list-caldav-${Date.now()}@example.test` } });
    userId = user.id;
    const provider = createCaldavProvider({
      serverUrl: target.serverUrl,
      username: target.username,
      password: target.password,
    });
    const stored = await storeConnection({
      userId,
      provider: "CALDAV",
      serverUrl: target.serverUrl,
      accountName: target.username,
      credentials: { kind: "password", username: target.username, password: target.password },
      calendars: await provider.listCalendars(),
    });
    connectionId = stored.connection.id;
    workId = stored.calendars.find((calendar) => calendar.remoteName === "Work")!.id;
    await pullCalendar({ calendarId: workId });
  });
  afterAll(async () => {
    await target?.stop();
  });

  it("adds a calendar created on the server and follows a rename and recolour, keeping local overrides", async () => {
    await db().calendar.update({ where: { id: workId }, data: { name: "My work", enabled: false } });
    const homeUrl = await target.addCalendar({ name: "family", displayName: "Family" });
    await setCalendarProperties({
      url: target.calendarUrl,
      displayName: "Work (renamed)",
      color: "#FF8800FF",
      auth: target.auth,
    });

    const outcome = await refreshCalendarList({ connectionId });

    expect(outcome.added).toHaveLength(1);
    expect(outcome.changed).toEqual([workId]);
    expect(outcome.removed).toEqual([]);
    const rows = await calendarsOf(connectionId);
    expect(rows.map((row) => row.remoteName).sort()).toEqual(["Family", "Work (renamed)"]);
    const work = rows.find((row) => row.id === workId)!;
    expect(work).toMatchObject({ remoteColor: "#FF8800", name: "My work", enabled: false });
    expect(rows.find((row) => row.remoteName === "Family")?.remoteUrl).toBe(homeUrl);
    // The events of a renamed calendar stay.
    expect(await db().event.count({ where: { calendarId: workId } })).toBe(1);
  });

  it("changes nothing when the listing fails, or leaves out a calendar that still answers", async () => {
    const real = createCaldavProvider({
      serverUrl: target.serverUrl,
      username: target.username,
      password: target.password,
    });
    const failing: CalendarProvider = {
      ...real,
      listCalendars: async () => {
        throw new RemoteUnavailable("CalDAV server error: PROPFIND / -> 500", 500);
      },
    };
    const before = await calendarsOf(connectionId);
    await expect(refreshCalendarList({ connectionId, provider: failing })).rejects.toThrow(RemoteUnavailable);
    expect(await calendarsOf(connectionId)).toEqual(before);

    const partial: CalendarProvider = {
      ...real,
      listCalendars: async () =>
        (await real.listCalendars()).filter((calendar) => !calendar.remoteId.endsWith("/work/")),
    };
    const outcome = await refreshCalendarList({ connectionId, provider: partial });
    expect(outcome.stillAnswering).toEqual([workId]);
    expect(outcome.removed).toEqual([]);
    expect(await db().event.count({ where: { calendarId: workId } })).toBe(1);
  });

  it("removes a calendar deleted on the server, with its events", async () => {
    const family = (await calendarsOf(connectionId)).find((row) => row.remoteName === "Family")!;
    await target.putAsOtherClient({
      name: "picnic.ics",
      ical: simpleEvent({ uid: "picnic@list.test" }),
      calendarUrl: family.remoteUrl!,
    });
    await pullCalendar({ calendarId: family.id });
    expect(await db().event.count({ where: { calendarId: family.id } })).toBe(1);
    await deleteObject({ url: family.remoteUrl!, auth: target.auth });

    const outcome = await refreshCalendarList({ connectionId });

    expect(outcome.removed).toEqual([family.id]);
    expect(await db().calendar.findUnique({ where: { id: family.id } })).toBeNull();
    expect(await db().event.count({ where: { calendarId: family.id } })).toBe(0);
  });

  it("keeps unsent local changes of a deleted calendar as a visible failure until they are dealt with", async () => {
    const local = await createEvent({
      userId,
      input: {
        calendarId: workId,
        title: "Written offline",
        start: "2027-05-01T09:00:00Z",
        end: "2027-05-01T10:00:00Z",
      },
    });
    await deleteObject({ url: target.calendarUrl, auth: target.auth });

    const outcome = await refreshCalendarList({ connectionId });

    expect(outcome.keptForUnsentChanges).toEqual([workId]);
    expect(await db().event.findMany({ where: { calendarId: workId }, select: { title: true } })).toEqual([
      { title: "Written offline" },
    ]);
    const view = (await listCalendars({ userId })).find((calendar) => calendar.id === workId)!;
    expect(view.syncState).toBe("error");
    expect(view.syncError).toMatch(/deleted on the server\. 1 change made here had not been sent yet/);
    expect(view.unsentChanges).toBe(1);
    // No job tries to sync it meanwhile: a pull says why and writes nothing.
    await expect(pullCalendar({ calendarId: workId })).rejects.toThrow(/deleted on the server/);

    await deleteEvent({ userId, id: local.id });
    const after = await refreshCalendarList({ connectionId });
    expect(after.removed).toEqual([workId]);
    expect(await db().calendar.count({ where: { connectionId } })).toBe(0);
  });
});

describe("calendar list of a Google account (the fake)", () => {
  let fake: GoogleFake;
  let connectionId: string;

  beforeAll(async () => {
    fake = await startGoogleFake();
    setEnv({
      GOOGLE_CLIENT_ID: "concord-test-client",
      GOOGLE_CLIENT_SECRET: "test-secret",
      GOOGLE_API_ROOT_URL: fake.url,
      GOOGLE_OAUTH_URL: fake.url,
    });
    await fake.control.addCalendar({ id: "user@example.com", summary: "Me", timeZone: "Europe/Berlin" });
    await fake.control.addCalendar({ id: "team@group.calendar.google.com", summary: "Team" });
    const grant = await fake.control.createGrant({ clientId: "concord-test-client" });
    const user = await db().user.create({ data: { email: `list-google-${Date.now()}@example.test` } });
    const stored = await storeConnection({
      userId: user.id,
      provider: "GOOGLE",
      serverUrl: null,
      accountName: "user@example.com",
      credentials: {
        kind: "oauth",
        accessToken: grant.accessToken,
        refreshToken: grant.refreshToken,
        expiryDate: grant.expiryDate,
      },
      calendars: [
        { remoteId: "user@example.com", name: "Me", readOnly: false },
        { remoteId: "team@group.calendar.google.com", name: "Team", readOnly: false },
      ],
    });
    connectionId = stored.connection.id;
  });
  afterAll(async () => {
    await fake?.stop();
  });

  it("follows calendars added, renamed, recoloured and deleted in Google", async () => {
    await fake.control.updateCalendar("team@group.calendar.google.com", {
      summary: "Team (renamed)",
      backgroundColor: "#16a765",
    });
    await fake.control.addCalendar({ id: "trips@group.calendar.google.com", summary: "Trips" });
    const first = await refreshCalendarList({ connectionId });
    expect(first.added).toHaveLength(1);
    expect((await calendarsOf(connectionId)).map((row) => [row.remoteName, row.remoteColor])).toEqual([
      ["Me", "#9FC6E7"],
      ["Team (renamed)", "#16A765"],
      ["Trips", "#9FC6E7"],
    ]);

    await fake.control.deleteCalendar("trips@group.calendar.google.com");
    const second = await refreshCalendarList({ connectionId });
    expect(second.removed).toHaveLength(1);
    expect((await calendarsOf(connectionId)).map((row) => row.remoteName)).toEqual(["Me", "Team (renamed)"]);

    const unchanged = await refreshCalendarList({ connectionId });
    expect(unchanged).toEqual({ added: [], changed: [], removed: [], keptForUnsentChanges: [], stillAnswering: [] });
  });
});
