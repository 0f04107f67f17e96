/**
 * Table-driven two-way sync scenarios over real remotes: Radicale (CalDAV) and the Google
 * fake. Each scenario gets its own remote calendar and Concord rows (user, connection,
 * calendar) in the test database; `provider` is Concord's adapter, `other` is a second,
 * independent adapter instance standing for another client editing the same calendar.
 */
import { afterAll, beforeAll } from "vitest";
import { createGoogleProvider } from "../../../lib/providers/google.ts";
import { createCaldavProvider } from "../../../lib/providers/caldav.ts";
import type { CalendarProvider, CalendarRef, RemoteObject } from "../../../lib/providers/types.ts";
import { db } from "../../../lib/db/client.ts";
import { patchEventResource } from "../../../lib/ical/patch-event-resource.ts";
import { extractEventFields } from "../../../lib/ical/extract-event-fields.ts";
import { diffEventFields } from "../../../lib/ical/diff-event-fields.ts";
import type { EventFields } from "../../../lib/ical/types.ts";
import { pushCalendar } from "../../../lib/sync/push-calendar.ts";
import { pullCalendar } from "../../../lib/sync/pull-calendar.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";
import { startCaldavTarget } from "../../helpers/caldav-servers.ts";
import { startGoogleFake, type GoogleFake } from "../../fakes/google/start-google-fake.ts";

export type RemoteKind = "radicale" | "google";
export const remoteKinds: RemoteKind[] = ["radicale", "google"];

interface RemoteCalendar {
  ref: CalendarRef;
  provider: CalendarProvider;
  other: CalendarProvider;
}

export interface RemoteServer {
  kind: RemoteKind;
  /** The Google fake's control API (google only). */
  googleControl?: GoogleFake["control"];
  newCalendar(): Promise<RemoteCalendar>;
  stop(): Promise<void>;
}

let counter = 0;
const nextName = () => `c${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function startRemote(kind: RemoteKind): Promise<RemoteServer> {
  if (kind === "radicale") {
    const target = await startCaldavTarget("radicale");
    const make = () =>
      createCaldavProvider({ serverUrl: target.serverUrl, username: target.username, password: target.password });
    return {
      kind,
      newCalendar: async () => {
        const url = await target.addCalendar({ name: nextName() });
        return {
          ref: { remoteId: url, remoteUrl: url, supportsSyncCollection: true },
          provider: make(),
          other: make(),
        };
      },
      stop: target.stop,
    };
  }
  const fake = await startGoogleFake();
  const make = async () => {
    const grant = await fake.control.createGrant({ clientId: "concord-test" });
    return createGoogleProvider({
      credentials: { accessToken: grant.accessToken, refreshToken: grant.refreshToken, expiryDate: grant.expiryDate },
      clientId: "concord-test",
      clientSecret: "test-secret",
      apiRootUrl: fake.url,
      oauthUrl: fake.url,
      retryPolicy: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
    });
  };
  return {
    kind,
    googleControl: fake.control,
    newCalendar: async () => {
      const id = `${nextName()}@example.com`;
      await fake.control.addCalendar({ id, summary: id, timeZone: "Europe/Berlin" });
      return { ref: { remoteId: id }, provider: await make(), other: await make() };
    },
    stop: fake.stop,
  };
}

export interface Scenario {
  kind: RemoteKind;
  userId: string;
  calendarId: string;
  ref: CalendarRef;
  provider: CalendarProvider;
  other: CalendarProvider;
  push(): ReturnType<typeof pushCalendar>;
  pull(): ReturnType<typeof pullCalendar>;
  /** Every object of the remote calendar, as another client sees it. */
  remoteObjects(): Promise<RemoteObject[]>;
  remoteFetch(ref: string): Promise<RemoteObject | null>;
  remoteEdit(ref: string, changes: Partial<EventFields>, recurrenceId?: string): Promise<void>;
  remoteDelete(ref: string): Promise<void>;
  /** Creates an object as another client; returns its ref. */
  seedRemote(ical: string, uid: string): Promise<string>;
}

export async function createScenario(params: { server: RemoteServer; userId?: string }): Promise<Scenario> {
  const remote = await params.server.newCalendar();
  const userId = params.userId ?? (await db().user.create({ data: { email: `${nextName()}@example.test` } })).id;
  const connection = await db().connection.create({
    data: {
      userId,
      provider: params.server.kind === "google" ? "GOOGLE" : "CALDAV",
      accountName: "test",
      credentials: "not-used-adapters-are-injected",
    },
  });
  const calendar = await db().calendar.create({
    data: {
      userId,
      connectionId: connection.id,
      remoteId: remote.ref.remoteId,
      remoteUrl: remote.ref.remoteUrl ?? null,
      remoteName: "Test",
      supportsSyncCollection: remote.ref.supportsSyncCollection ?? null,
    },
  });
  const { provider, other, ref } = remote;
  const scenario: Scenario = {
    kind: params.server.kind,
    userId,
    calendarId: calendar.id,
    ref,
    provider,
    other,
    push: () => pushCalendar({ calendarId: calendar.id, provider }),
    pull: () => pullCalendar({ calendarId: calendar.id, provider }),
    remoteObjects: async () => {
      const result = await other.pull({ calendar: ref, cursor: null });
      return result.changes.flatMap((change) => (change.type === "upsert" ? [change] : []));
    },
    remoteFetch: (objectRef) => other.fetchEvent({ calendar: ref, ref: objectRef }),
    remoteEdit: async (objectRef, changes, recurrenceId) => {
      const current = await other.fetchEvent({ calendar: ref, ref: objectRef });
      if (!current) throw new Error("remote object missing");
      const ical = patchEventResource({ ical: current.ical, changes, recurrenceId });
      const fields = diffEventFields(extractEventFields(current.ical), extractEventFields(ical));
      await other.updateEvent({
        calendar: ref,
        ref: objectRef,
        ical,
        etag: current.etag,
        fields: [...fields, "overrides"],
      });
    },
    remoteDelete: async (objectRef) => {
      const current = await other.fetchEvent({ calendar: ref, ref: objectRef });
      await other.deleteEvent({ calendar: ref, ref: objectRef, etag: current?.etag ?? null });
    },
    seedRemote: async (ical, uid) => {
      const result = await other.createEvent({ calendar: ref, ical, uid, suggestedRef: nextName() });
      return result.ref;
    },
  };
  return scenario;
}

/** The Concord row of an event by id (any state). */
export function eventRow(id: string) {
  return db().event.findUniqueOrThrow({ where: { id } });
}

/**
 * Registers a suite's hooks: a fresh PGlite installed as db(), and one running server per
 * remote kind, all stopped after the suite. Returns the servers by kind (filled in beforeAll).
 */
export function useTwoWayServers(): Partial<Record<RemoteKind, RemoteServer>> {
  const servers: Partial<Record<RemoteKind, RemoteServer>> = {};
  let testDb: TestDb | undefined;
  beforeAll(async () => {
    testDb = await createTestDb("pglite");
    for (const kind of remoteKinds) servers[kind] = await startRemote(kind);
  });
  afterAll(async () => {
    for (const server of Object.values(servers)) await server?.stop();
    await testDb?.close();
  });
  return servers;
}
