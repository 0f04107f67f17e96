/**
 * Recurrence bombs arriving from a real CalDAV server (Radicale): 50 RRULEs of 30 February,
 * FREQ=SECONDLY, and 20 rules that only expansion can tell match no date. The pull, a
 * 13-month range query, the client sync listing and the event read run while /api/health is
 * polled: every poll is answered (a liveness bound, not a speed measurement), each bomb is
 * kept byte for byte, shows its first occurrence and is marked, and an ordinary series beside
 * them still expands in full.
 *
 * Radicale itself spins on an upload of the 30 February rules (it works out each item's time
 * range with dateutil, which searches for a matching date for ever). So Radicale stores them
 * as 30 March, and the loopback proxy in front of it serves them as 30 February.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as healthRoute from "../../../app/api/health/route.ts";
import * as eventRoute from "../../../app/api/v1/events/[id]/route.ts";
import * as eventsRoute from "../../../app/api/v1/events/route.ts";
import * as syncEventsRoute from "../../../app/api/v1/sync/events/route.ts";
import { storeConnection } from "../../../lib/connections/store-connection.ts";
import { db } from "../../../lib/db/client.ts";
import { createCaldavProvider } from "../../../lib/providers/caldav.ts";
import { pullCalendar } from "../../../lib/sync/pull-calendar.ts";
import { callRoute, createUserWithToken } from "../../helpers/api.ts";
import { getObject } from "../../helpers/caldav-client.ts";
import { startCaldavProxy, type CaldavProxy } from "../../helpers/caldav-proxy.ts";
import { startCaldavTarget, type CaldavTarget } from "../../helpers/caldav-servers.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";
import { readFixture } from "../../unit/ical/fixtures.ts";

/** A health answer may take this long at most while the work runs: liveness only. */
const HEALTH_LIVENESS_MS = 2_000;

const february = "BYMONTH=2;BYMONTHDAY=30";
const march = "BYMONTH=3;BYMONTHDAY=30";

const bombs = {
  "february-30.ics": { fixture: "rule-bomb-february-30.ics", first: "2026-03-10T09:00:00Z" },
  "secondly.ics": { fixture: "rule-bomb-secondly.ics", first: "2026-03-11T09:00:00Z" },
  "fifth-monday.ics": { fixture: "rule-bomb-fifth-monday.ics", first: "2026-03-12T09:00:00Z" },
} as const;

const weekly = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//Concord tests//EN",
  "BEGIN:VEVENT",
  "UID:weekly-beside-bombs@example.test",
  "DTSTAMP:20260301T000000Z",
  "DTSTART:20260302T080000Z",
  "DTEND:20260302T083000Z",
  "SUMMARY:Weekly planning",
  "RRULE:FREQ=WEEKLY;BYDAY=MO",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

/**
 * Polls GET /api/health in this process (the one whose event loop the work runs on) until
 * stopped. A blocked event loop shows as a long wait between two answers.
 */
function pollHealth() {
  const waits: number[] = [];
  const statuses: number[] = [];
  let running = true;
  let last = performance.now();
  const loop = (async () => {
    while (running) {
      const response = await callRoute(healthRoute.GET, { path: "/api/health" });
      const now = performance.now();
      statuses.push(response.status);
      waits.push(now - last);
      last = now;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      waits.push(performance.now() - last);
      return { waits, statuses };
    },
  };
}

describe("recurrence bombs pulled from Radicale", () => {
  const savedKey = process.env.CONCORD_ENCRYPTION_KEY;
  const savedHosts = process.env.CONCORD_ALLOW_PRIVATE_HOSTS;
  let testDb: TestDb;
  let target: CaldavTarget;
  let proxy: CaldavProxy;
  let me: { userId: string; token: string };
  let calendarId: string;

  beforeAll(async () => {
    process.env.CONCORD_ENCRYPTION_KEY = randomBytes(32).toString("hex");
    // Radicale listens on loopback: the operator's allowance for a private host.
    process.env.CONCORD_ALLOW_PRIVATE_HOSTS = "127.0.0.1";
    // PostgreSQL: health's query has a connection of its own, so only the event loop can delay it.
    testDb = await createTestDb("postgres");
    target = await startCaldavTarget("radicale");
    for (const [name, { fixture }] of Object.entries(bombs)) {
      await target.putAsOtherClient({ name, ical: readFixture(fixture).replaceAll(february, march) });
    }
    proxy = await startCaldavProxy({
      target: target.serverUrl,
      rules: [{ kind: "transform", times: Infinity, transform: (body) => body.replaceAll(march, february) }],
    });
    await target.putAsOtherClient({ name: "weekly.ics", ical: weekly });
    me = await createUserWithToken("bombs");
    const serverUrl = proxy.url;
    const provider = createCaldavProvider({
      serverUrl,
      username: target.username,
      password: target.password,
    });
    const stored = await storeConnection({
      userId: me.userId,
      provider: "CALDAV",
      serverUrl,
      accountName: target.username,
      credentials: { kind: "password", username: target.username, password: target.password },
      calendars: await provider.listCalendars(),
    });
    calendarId = stored.calendars.find((calendar) => calendar.remoteName === "Work")!.id;
  });
  afterAll(async () => {
    await proxy?.stop();
    await target?.stop();
    await testDb?.close();
    process.env.CONCORD_ENCRYPTION_KEY = savedKey;
    if (savedHosts === undefined) delete process.env.CONCORD_ALLOW_PRIVATE_HOSTS;
    else process.env.CONCORD_ALLOW_PRIVATE_HOSTS = savedHosts;
  });

  it("pulls, lists 13 months and syncs them while /api/health keeps answering", async () => {
    const health = pollHealth();
    let range: Awaited<ReturnType<typeof callRoute>>;
    let listing: Awaited<ReturnType<typeof callRoute>>;
    try {
      const pulled = await pullCalendar({ calendarId });
      expect(pulled).toMatchObject({ created: 4, deleted: 0 });
      range = await callRoute(eventsRoute.GET, {
        token: me.token,
        path: "/api/v1/events?start=2026-01-01T00:00:00Z&end=2027-02-01T00:00:00Z",
      });
      listing = await callRoute(syncEventsRoute.GET, { token: me.token, path: "/api/v1/sync/events" });
    } finally {
      const { waits, statuses } = await health.stop();
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(Math.max(...waits)).toBeLessThan(HEALTH_LIVENESS_MS);
    }

    // Every bomb kept as the server holds it, shown once at its first occurrence, marked.
    expect(range.status).toBe(200);
    for (const [name, { first }] of Object.entries(bombs)) {
      const remote = await getObject({ url: `${target.calendarUrl}${name}`, auth: target.auth });
      const row = await db().event.findFirstOrThrow({ where: { calendarId, remoteRef: { endsWith: name } } });
      expect(row).toMatchObject({ ical: remote.body.replaceAll(march, february), parseError: null, isRecurring: true });
      const shown = range.body.items.filter((item: { eventId: string }) => item.eventId === row.id);
      expect(shown).toMatchObject([{ start: first, originalStart: first, recurrenceTooComplex: true }]);
    }
    const planning = range.body.items.filter((item: { title: string }) => item.title === "Weekly planning");
    expect(planning.length).toBeGreaterThanOrEqual(48);
    expect(planning.every((item: { recurrenceTooComplex?: boolean }) => item.recurrenceTooComplex === undefined)).toBe(
      true,
    );

    // The client sync API lists the masters with their lines; the ones beyond the limits are marked.
    expect(listing.status).toBe(200);
    const listed = new Map(listing.body.items.map((item: { uid: string }) => [item.uid, item]));
    expect(listed.get("rule-bomb-february-30@example.test")).toMatchObject({ recurrenceTooComplex: true });
    expect((listed.get("rule-bomb-february-30@example.test") as { recurrence: string[] }).recurrence).toHaveLength(50);
    expect(listed.get("rule-bomb-secondly@example.test")).toMatchObject({ recurrenceTooComplex: true });
    expect(listed.get("weekly-beside-bombs@example.test")).not.toHaveProperty("recurrenceTooComplex");

    const bomb = range.body.items.find((item: { title: string }) => item.title === "Fifty rules of 30 February");
    const read = await callRoute(eventRoute.GET, { token: me.token, params: { id: bomb.eventId } });
    expect(read.body).toMatchObject({ title: "Fifty rules of 30 February", recurrenceTooComplex: true });
  });
});
