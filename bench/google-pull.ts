/**
 * Google pull benchmark: `node bench/google-pull.ts [--events 10000]`.
 *
 * Seeds the Google fake through its control API (not 10k inserts over the Calendar API), then
 * pulls the calendar through the engine (pullCalendar with the real googleapis client, into a
 * fresh PGlite database) and times:
 * - full: the first pull (every page of events.list, parse, write);
 * - incremental: the pull after another client made 10 changes (6 edits, 2 adds, 2 deletes);
 * - no-op: the pull when nothing changed;
 * - adapter-only: the full listing through the adapter without the engine or database.
 * Each row has a floor: the same events.list pages fetched with plain fetch (no parsing beyond
 * JSON, no database), i.e. the fake's own serving time plus transfer. Requests are counted by
 * the fake's request log. Peak RSS is sampled during the step; `maxRSS` is the process peak
 * so far. Prints a table and writes JSON + Markdown to bench/results/ (git-ignored).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createUser } from "../lib/auth/create-user.ts";
import { storeConnection } from "../lib/connections/store-connection.ts";
import { db } from "../lib/db/client.ts";
import { createGoogleProvider } from "../lib/providers/google.ts";
import { SYNCED_EVENT_TYPES } from "../lib/providers/google/list-all-events.ts";
import { pullCalendar } from "../lib/sync/pull-calendar.ts";
import { startGoogleFake } from "../tests/fakes/google/start-google-fake.ts";
import type { EventResource } from "../tests/fakes/google/event-types.ts";
import { createTestDb } from "../tests/helpers/test-db.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const CALENDAR_ID = "bench@example.com";
const CLIENT_ID = "concord-bench";

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index !== -1 && process.argv[index + 1] ? (process.argv[index + 1] as string) : fallback;
}

/** Mostly timed events, some all-day, one in twenty a weekly series with a description. */
function generateEvent(i: number): Partial<EventResource> {
  const day = new Date(Date.UTC(2025, 0, 1) + (i % 730) * 86_400_000);
  const date = day.toISOString().slice(0, 10);
  if (i % 10 === 3) {
    const next = new Date(day.getTime() + 86_400_000).toISOString().slice(0, 10);
    return { summary: `All-day ${i}`, start: { date }, end: { date: next } };
  }
  const hour = String(8 + (i % 10)).padStart(2, "0");
  const event: Partial<EventResource> = {
    summary: `Event ${i}`,
    location: i % 4 === 0 ? `Room ${i % 17}` : undefined,
    start: { dateTime: `${date}T${hour}:00:00`, timeZone: "Europe/Berlin" },
    end: { dateTime: `${date}T${hour}:45:00`, timeZone: "Europe/Berlin" },
  };
  if (i % 20 === 7) {
    event.recurrence = ["RRULE:FREQ=WEEKLY;COUNT=20"];
    event.description = `Weekly meeting ${i}\nAgenda: status, plans, risks.`;
  }
  return event;
}

interface Row {
  scenario: string;
  wallMs: number;
  requests: number;
  changes: string;
  floorMs: number;
  floorRequests: number;
  peakRssMiB: number;
  maxRssMiB: number;
}

/** Runs `work` while sampling RSS; returns its duration and the sampled peak. */
async function measure<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; peakRssMiB: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const started = performance.now();
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, ms: performance.now() - started, peakRssMiB: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/** The adapter's events.list pages by plain fetch: the floor any client pays for the same data. */
async function rawListing(params: {
  baseUrl: string;
  accessToken: string;
  syncToken?: string | null;
}): Promise<{ requests: number; items: number }> {
  let pageToken: string | undefined;
  let requests = 0;
  let items = 0;
  for (;;) {
    const url = new URL(`${params.baseUrl}/calendar/v3/calendars/${encodeURIComponent(CALENDAR_ID)}/events`);
    url.searchParams.set("singleEvents", "false");
    url.searchParams.set("showDeleted", "true");
    url.searchParams.set("maxResults", "2500");
    for (const type of SYNCED_EVENT_TYPES) url.searchParams.append("eventTypes", type);
    if (params.syncToken) url.searchParams.set("syncToken", params.syncToken);
    if (pageToken) url.searchParams.set("pageToken", pageToken);
    requests += 1;
    const response = await fetch(url, { headers: { authorization: `Bearer ${params.accessToken}` } });
    if (!response.ok) throw new Error(`raw listing answered ${response.status}`);
    const page = (await response.json()) as { items?: unknown[]; nextPageToken?: string };
    items += page.items?.length ?? 0;
    if (!page.nextPageToken) return { requests, items };
    pageToken = page.nextPageToken;
  }
}

async function main(): Promise<void> {
  const total = Number(option("events", "10000"));
  const fake = await startGoogleFake();
  const testDb = await createTestDb("pglite");
  try {
    Object.assign(process.env, {
      GOOGLE_API_ROOT_URL: fake.url,
      GOOGLE_OAUTH_URL: fake.url,
      GOOGLE_CLIENT_ID: CLIENT_ID,
      GOOGLE_CLIENT_SECRET: "bench-secret",
      CONCORD_ENCRYPTION_KEY: process.env.CONCORD_ENCRYPTION_KEY ?? "11".repeat(32),
    });
    await fake.control.addCalendar({
      id: CALENDAR_ID,
      summary: "Bench",
      timeZone: "Europe/Berlin",
      access: { [CALENDAR_ID]: "owner" },
    });
    const seeded: EventResource[] = [];
    for (let start = 0; start < total; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, total - start) }, (_, k) => generateEvent(start + k));
      seeded.push(...(await fake.control.seedEvents(CALENDAR_ID, batch)));
    }
    const grant = await fake.control.createGrant({ email: CALENDAR_ID, clientId: CLIENT_ID });
    const user = await createUser({ email: "bench@example.test", password: "correct horse battery" });
    const stored = await storeConnection({
      userId: user.id,
      provider: "GOOGLE",
      serverUrl: null,
      accountName: CALENDAR_ID,
      credentials: {
        kind: "oauth",
        accessToken: grant.accessToken,
        refreshToken: grant.refreshToken,
        expiryDate: grant.expiryDate,
      },
      calendars: [{ remoteId: CALENDAR_ID, name: "Bench", timeZone: "Europe/Berlin", readOnly: false }],
    });
    const calendarId = stored.calendars[0]?.id as string;
    const rows: Row[] = [];

    async function scenario(name: string, floorToken: string | null): Promise<void> {
      await fake.control.clearRequests();
      const pull = await measure(() => pullCalendar({ calendarId }));
      const { requests } = await fake.control.requests();
      const floor = await measure(() =>
        rawListing({ baseUrl: fake.url, accessToken: grant.accessToken, syncToken: floorToken }),
      );
      const r = pull.value;
      rows.push({
        scenario: name,
        wallMs: Math.round(pull.ms),
        requests: requests.length,
        changes: `+${r.created} ~${r.updated} -${r.deleted}`,
        floorMs: Math.round(floor.ms),
        floorRequests: floor.value.requests,
        peakRssMiB: Math.round(pull.peakRssMiB),
        maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      });
    }

    await scenario("full", null);
    // The adapter alone (events.list pages + Google -> iCalendar conversion, no database), to
    // split the full pull's time between fetching/converting and the engine's parse + write.
    {
      await fake.control.clearRequests();
      const provider = createGoogleProvider({
        credentials: { accessToken: grant.accessToken, refreshToken: grant.refreshToken, expiryDate: grant.expiryDate },
        clientId: CLIENT_ID,
        clientSecret: "bench-secret",
      });
      const adapter = await measure(() => provider.pull({ calendar: { remoteId: CALENDAR_ID }, cursor: null }));
      const { requests } = await fake.control.requests();
      rows.push({
        scenario: "adapter-only full listing (no database)",
        wallMs: Math.round(adapter.ms),
        requests: requests.length,
        changes: `${adapter.value.changes.length} objects`,
        floorMs: rows[0]?.floorMs ?? 0,
        floorRequests: rows[0]?.floorRequests ?? 0,
        peakRssMiB: Math.round(adapter.peakRssMiB),
        maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      });
    }
    const tokenBefore = (await db().calendar.findUniqueOrThrow({ where: { id: calendarId } })).syncToken;
    for (let k = 0; k < 6; k++) {
      await fake.control.mutate({
        calendarId: CALENDAR_ID,
        action: "patch",
        eventId: seeded[k * 101]?.id,
        event: { summary: `Edited ${k}` },
      });
    }
    for (let k = 0; k < 2; k++) {
      await fake.control.mutate({ calendarId: CALENDAR_ID, action: "insert", event: generateEvent(total + k) });
      await fake.control.mutate({
        calendarId: CALENDAR_ID,
        action: "delete",
        eventId: seeded[(k * 997 + 5) % seeded.length]?.id,
      });
    }
    await scenario("incremental (10 changes)", tokenBefore);
    const tokenAfter = (await db().calendar.findUniqueOrThrow({ where: { id: calendarId } })).syncToken;
    await scenario("no-op", tokenAfter);
    const stored10k = await db().event.count({ where: { calendarId } });

    const header = `Google pull, ${total} events (${seeded.length} seeded, ${stored10k} stored after), PGlite, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg()[0]?.toFixed(2)}`;
    const table = [
      "| scenario | wall ms | requests | changes | floor ms (raw pages) | floor requests | peak RSS MiB (step) | max RSS MiB (process) |",
      "|---|---:|---:|---|---:|---:|---:|---:|",
      ...rows.map(
        (r) =>
          `| ${r.scenario} | ${r.wallMs} | ${r.requests} | ${r.changes} | ${r.floorMs} | ${r.floorRequests} | ${r.peakRssMiB} | ${r.maxRssMiB} |`,
      ),
    ].join("\n");
    console.log(`${header}\n\n${table}`);
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const out = path.join(here, "results");
    await mkdir(out, { recursive: true });
    await writeFile(path.join(out, `google-pull-${stamp}.json`), JSON.stringify({ header, rows }, null, 2));
    await writeFile(path.join(out, `google-pull-${stamp}.md`), `${header}\n\n${table}\n`);
  } finally {
    await testDb.close();
    await fake.stop();
  }
}

await main();
