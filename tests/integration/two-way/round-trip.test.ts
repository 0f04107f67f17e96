/**
 * Edits patch, never regenerate: real-world objects (alarms, attendees, X- properties,
 * overrides, HTML descriptions; tests/fixtures/two-way/) pulled into Concord survive a title
 * edit with every other property intact on the server. On Google only the changed field is
 * patched, so reminders, attendees, conference data and unknown fields stay as they were.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db/client.ts";
import { updateEvent } from "../../../lib/events/update-event.ts";
import { normaliseForCompare } from "../../../lib/ical/normalise-for-compare.ts";
import { parseEventResource } from "../../../lib/ical/parse-event-resource.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";
import { createScenario, startRemote, type RemoteServer } from "./two-way-harness.ts";

let testDb: TestDb;
let radicale: RemoteServer;
let google: RemoteServer;

beforeAll(async () => {
  testDb = await createTestDb("pglite");
  radicale = await startRemote("radicale");
  google = await startRemote("google");
});
afterAll(async () => {
  await radicale?.stop();
  await google?.stop();
  await testDb?.close();
});

function fixture(path: string): string {
  return readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), "utf8");
}

/** Content lines, unfolded, without volatile properties and VTIMEZONE, sorted (a multiset). */
function contentLines(ical: string): string[] {
  return normaliseForCompare(ical).split("\r\n").sort();
}

const caldavFixtures = [
  "icloud-lunch-alarms-attendees.ics",
  "thunderbird-weekly-overrides.ics",
  "outlook-review-html-description.ics",
];

describe("round trip on radicale", () => {
  it.each(caldavFixtures)("%s keeps every other property through a title edit", async (name) => {
    const s = await createScenario({ server: radicale });
    const original = fixture(`two-way/${name}`);
    const uid = parseEventResource(original).uid;
    const ref = await s.seedRemote(original, uid);
    await s.pull();
    const row = await db().event.findFirstOrThrow({ where: { calendarId: s.calendarId, uid } });
    const before = (await s.remoteFetch(ref))!;
    const masterTitle = parseEventResource(before.ical).fields.title;

    await updateEvent({ userId: s.userId, id: row.id, input: { title: "Renamed in Concord" } });
    expect(await s.push()).toMatchObject({ pushed: 1, conflicts: 0 });
    const after = (await s.remoteFetch(ref))!;

    expect(parseEventResource(after.ical).fields.title).toBe("Renamed in Concord");
    const beforeLines = contentLines(before.ical);
    const summary = beforeLines.find((line) => /^SUMMARY[;:]/.test(line) && line.endsWith(`:${masterTitle}`))!;
    expect(summary).toBeDefined();
    const expected = beforeLines
      .map((line) => (line === summary ? summary.replace(/:[^:]*$/, ":Renamed in Concord") : line))
      .sort();
    expect(contentLines(after.ical)).toEqual(expected);
  });
});

describe("round trip on google", () => {
  const volatile = new Set(["summary", "etag", "updated", "sequence"]);
  const stable = (event: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(event).filter(([key]) => !volatile.has(key)));

  it.each(["rich-event", "weekly-series"])("%s keeps every other field through a title edit", async (name) => {
    const s = await createScenario({ server: google });
    const control = google.googleControl!;
    const resource = JSON.parse(fixture(`google/${name}.json`)) as Record<string, unknown>;
    const [seeded] = await control.seedEvents(s.ref.remoteId, [resource]);
    await s.pull();
    const row = await db().event.findFirstOrThrow({ where: { calendarId: s.calendarId, remoteRef: seeded!.id } });
    const before = (await control.storedEvents(s.ref.remoteId)).find((e) => e.id === seeded!.id)!;

    await updateEvent({ userId: s.userId, id: row.id, input: { title: "Renamed in Concord" } });
    expect(await s.push()).toMatchObject({ pushed: 1, conflicts: 0 });
    const stored = await control.storedEvents(s.ref.remoteId);
    expect(stored).toHaveLength(1);
    const after = stored[0]!;
    expect(after.summary).toBe("Renamed in Concord");
    expect(stable(after as unknown as Record<string, unknown>)).toEqual(
      stable(before as unknown as Record<string, unknown>),
    );
  });
});
