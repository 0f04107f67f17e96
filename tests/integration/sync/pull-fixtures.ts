/**
 * A small in-memory CalendarProvider for engine tests: objects with etags, a change log read
 * by sync token, and switches for the failure modes the engine must survive (refused cursor,
 * failed read, a listing that suddenly comes back empty).
 */
import { db } from "../../../lib/db/client.ts";
import { sealCredentials } from "../../../lib/connections/connection-credentials.ts";
import { CursorExpired, RemoteUnavailable } from "../../../lib/providers/errors.ts";
import type { CalendarProvider, PullResult, RemoteChange } from "../../../lib/providers/types.ts";

export function eventIcal(params: { uid: string; title: string; start?: string; extra?: string }): string {
  const start = params.start ?? "20260301T090000Z";
  const end = start.replace(/T(\d\d)/, (_, hour: string) => `T${String(Number(hour) + 1).padStart(2, "0")}`);
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Concord tests//EN",
    "BEGIN:VEVENT",
    `UID:${params.uid}`,
    "DTSTAMP:20260101T000000Z",
    `DTSTART:${start}`,
    `DTEND:${end}`,
    `SUMMARY:${params.title}`,
    ...(params.extra ? [params.extra] : []),
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}

export interface FakeProvider extends CalendarProvider {
  put(ref: string, ical: string): void;
  remove(ref: string): void;
  /** Every token handed out so far is refused from now on. */
  expireTokens(): void;
  /** The next pull throws this error. */
  failNextPull(error?: Error): void;
  /** The next full listing answers with no objects at all (a broken server). */
  emptyNextListing(): void;
  pulls: { cursor: string | null }[];
}

export function createFakeProvider(): FakeProvider {
  const objects = new Map<string, { etag: string; ical: string }>();
  const log: { seq: number; ref: string }[] = [];
  let seq = 0;
  let etagCounter = 0;
  // Tokens are `<epoch>-<seq>`; expiring bumps the epoch, so every token handed out before is refused.
  let epoch = 0;
  let nextFailure: Error | undefined;
  let emptyListing = false;
  const pulls: { cursor: string | null }[] = [];
  const record = (ref: string) => {
    seq += 1;
    log.push({ seq, ref });
  };
  const unsupported = () => Promise.reject(new Error("not used by pull tests"));

  return {
    name: "caldav",
    pulls,
    put(ref, ical) {
      etagCounter += 1;
      objects.set(ref, { etag: `"etag-${etagCounter}"`, ical });
      record(ref);
    },
    remove(ref) {
      objects.delete(ref);
      record(ref);
    },
    expireTokens() {
      epoch += 1;
    },
    failNextPull(error = new RemoteUnavailable("fake server is down", 503)) {
      nextFailure = error;
    },
    emptyNextListing() {
      emptyListing = true;
    },
    listCalendars: async () => [{ remoteId: "/cal/", remoteUrl: "http://fake/cal/", name: "Fake", readOnly: false }],
    async pull({ cursor }): Promise<PullResult> {
      pulls.push({ cursor: cursor?.syncToken ?? null });
      if (nextFailure) {
        const error = nextFailure;
        nextFailure = undefined;
        throw error;
      }
      if (cursor?.syncToken) {
        const [tokenEpoch, tokenSeq] = cursor.syncToken.split("-").map(Number);
        if (tokenEpoch !== epoch) throw new CursorExpired("token too old", 403);
        const since = tokenSeq ?? 0;
        const refs = new Set(log.filter((entry) => entry.seq > since).map((entry) => entry.ref));
        const changes: RemoteChange[] = [...refs].map((ref) => {
          const object = objects.get(ref);
          return object ? { type: "upsert", ref, ...object } : { type: "delete", ref };
        });
        return { changes, cursor: { syncToken: `${epoch}-${seq}` }, isFullListing: false, requests: 1 };
      }
      const listed = emptyListing ? [] : [...objects];
      emptyListing = false;
      return {
        changes: listed.map(([ref, object]) => ({ type: "upsert" as const, ref, ...object })),
        cursor: { syncToken: `${epoch}-${seq}` },
        isFullListing: true,
        requests: 1,
      };
    },
    fetchEvent: unsupported,
    createEvent: unsupported,
    updateEvent: unsupported,
    deleteEvent: unsupported,
  };
}

/** A user, a CalDAV connection (encrypted dummy credentials) and one calendar. */
export async function seedCalendar(
  label = "pull",
): Promise<{ userId: string; connectionId: string; calendarId: string }> {
  const user = await db().user.create({ data: { email: `${label}-${Date.now()}-${Math.random()}@example.test` } });
  const created = await db().connection.create({
    data: { userId: user.id, provider: "CALDAV", serverUrl: "http://fake/", accountName: "alice", credentials: "" },
  });
  // The envelope is bound to the row's id, so it is sealed once the row exists.
  const connection = await db().connection.update({
    where: { id: created.id },
    data: { credentials: sealCredentials({ kind: "password", username: "alice", password: "secret" }, created.id) },
  });
  const calendar = await db().calendar.create({
    data: {
      userId: user.id,
      connectionId: connection.id,
      remoteId: "/cal/",
      remoteUrl: "http://fake/cal/",
      remoteName: "Fake",
    },
  });
  return { userId: user.id, connectionId: connection.id, calendarId: calendar.id };
}
