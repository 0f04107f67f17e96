/**
 * A convergence run: for N rounds, a second client edits the remote calendar directly while
 * Concord edits through its API and syncs through a proxy that fails a share of requests
 * (random-faults.ts). Pulls overlap at random, as a webhook- or poll-triggered pull and a
 * person's "Sync now" do. Then the faults stop, Concord drains its outbox and pulls, and the
 * run reports what each side holds against what each side wrote.
 *
 * Edits are disjoint by field so every one of them must survive a clean merge: Concord writes
 * titles, the other client writes locations. Each side deletes only events it created; a
 * delete that meets the other side's edit is a real conflict and must be surfaced as one.
 */
import * as eventRoute from "../../../app/api/v1/events/[id]/route.ts";
import * as eventsRoute from "../../../app/api/v1/events/route.ts";
import * as syncRoute from "../../../app/api/v1/calendars/[id]/sync/route.ts";
import { db } from "../../../lib/db/client.ts";
import { extractEventFields } from "../../../lib/ical/extract-event-fields.ts";
import { patchEventResource } from "../../../lib/ical/patch-event-resource.ts";
import { buildEventResource } from "../../../lib/ical/build-event-resource.ts";
import { pullCalendar } from "../../../lib/sync/pull-calendar.ts";
import { pushCalendar } from "../../../lib/sync/push-calendar.ts";
import { storeConnection } from "../../../lib/connections/store-connection.ts";
import { PreconditionFailed } from "../../../lib/providers/errors.ts";
import { callRoute, createUserWithToken } from "../../helpers/api.ts";
import { seededRandom } from "../../helpers/random-faults.ts";
import type { ConvergenceRemote } from "./convergence-remote.ts";

export interface ConvergenceReport {
  rounds: number;
  faults: Record<string, number>;
  requests: number;
  /** Edits one side made that the end state does not show (on either side). */
  lostEdits: string[];
  /** UIDs held more than once on one side. */
  duplicates: string[];
  /** UIDs present on one side only, without an open conflict to explain it. */
  diverged: string[];
  /** Delete-versus-edit collisions that ended without a conflict or a consistent outcome. */
  unsurfacedConflicts: string[];
  /** Open conflicts on events where no delete met an edit (edits never overlap by field). */
  spuriousConflicts: string[];
  openConflicts: number;
  /** Answers >= 500 other than 502 from Concord's API while the remote failed. */
  serverErrors: string[];
  /** 502 answers: the remote failed and the API said so. */
  remoteFailures: number;
  /** Rounds it took, once faults stopped, until nothing was pending. */
  drainRounds: number;
  pendingAfterDrain: number;
  heldPulls: number;
  pullErrors: number;
}

interface Tracked {
  uid: string;
  createdBy: "concord" | "other";
  title: string;
  location: string;
  deletedBy?: "concord" | "other";
  concordId?: string;
  remoteRef?: string;
}

const DAY_MS = 86_400_000;
const START = Date.parse("2026-06-01T08:00:00Z");

export async function runConvergence(params: {
  remote: ConvergenceRemote;
  rounds: number;
  seed: number;
  /** Called every so many rounds with a progress line (soak runs). */
  log?: (line: string) => void;
}): Promise<ConvergenceReport> {
  const { remote } = params;
  const random = seededRandom(params.seed ^ 0x5eed);
  const chance = (p: number) => random() < p;
  const pick = <T>(items: T[]): T | undefined => items[Math.floor(random() * items.length)];
  const user = await createUserWithToken("convergence");
  const calendarId = await createConcordCalendar({ remote, userId: user.userId });
  const tracked = new Map<string, Tracked>();
  const report: ConvergenceReport = {
    rounds: params.rounds,
    faults: remote.faults.counts,
    requests: 0,
    lostEdits: [],
    duplicates: [],
    diverged: [],
    unsurfacedConflicts: [],
    spuriousConflicts: [],
    openConflicts: 0,
    serverErrors: [],
    remoteFailures: 0,
    drainRounds: 0,
    pendingAfterDrain: 0,
    heldPulls: 0,
    pullErrors: 0,
  };
  let clock = Date.now();
  let counter = 0;
  const api = async (label: string, call: Promise<{ status: number; body: unknown }>) => {
    const answer = await call;
    // 502 is the documented answer when the remote failed (its message says which); any
    // other 5xx means Concord itself broke.
    if (answer.status >= 500 && answer.status !== 502)
      report.serverErrors.push(`${label} -> ${answer.status} ${JSON.stringify(answer.body)}`);
    if (answer.status === 502) report.remoteFailures += 1;
    return answer;
  };
  const live = (by?: "concord" | "other") =>
    [...tracked.values()].filter((t) => !t.deletedBy && (by === undefined || t.createdBy === by));

  async function concordEdit(): Promise<void> {
    const roll = random();
    if (roll < 0.35 || live().length < 3) {
      const n = ++counter;
      const start = new Date(START + (n % 60) * DAY_MS);
      const answer = await api(
        "create",
        callRoute(eventsRoute.POST, {
          method: "POST",
          token: user.token,
          body: {
            calendarId,
            title: `c${n}`,
            location: `init${n}`,
            start: start.toISOString(),
            end: new Date(start.getTime() + 3_600_000).toISOString(),
          },
        }),
      );
      if (answer.status !== 201) return;
      const row = await db().event.findUniqueOrThrow({ where: { id: (answer.body as { id: string }).id } });
      tracked.set(row.uid, {
        uid: row.uid,
        createdBy: "concord",
        title: `c${n}`,
        location: `init${n}`,
        concordId: row.id,
      });
      return;
    }
    if (roll < 0.85) {
      const target = pick(live());
      const row = target && (await db().event.findFirst({ where: { calendarId, uid: target.uid } }));
      if (!target || !row || row.deletedLocally) return;
      const title = `t${++counter}`;
      const answer = await api(
        "patch",
        callRoute(eventRoute.PATCH, {
          method: "PATCH",
          token: user.token,
          params: { id: row.id },
          body: { title },
        }),
      );
      if (answer.status === 200) target.title = title;
      return;
    }
    const target = pick(live("concord"));
    const row = target && (await db().event.findFirst({ where: { calendarId, uid: target.uid } }));
    if (!target || !row) return;
    const answer = await api(
      "delete",
      callRoute(eventRoute.DELETE, { method: "DELETE", token: user.token, params: { id: row.id } }),
    );
    if (answer.status === 204) target.deletedBy = "concord";
  }

  async function otherEdit(): Promise<void> {
    const roll = random();
    if (roll < 0.35 || live().length < 3) {
      const n = ++counter;
      const uid = `other-${params.seed}-${n}`;
      const start = new Date(START + (n % 60) * DAY_MS + 7_200_000);
      const ical = buildEventResource({
        uid,
        fields: {
          title: `o${n}`,
          start: start.toISOString().replace(/\.\d{3}Z$/, "Z"),
          end: new Date(start.getTime() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
          allDay: false,
          timeZone: null,
          location: `loc${n}`,
          description: null,
          recurrence: [],
          status: "confirmed",
        },
      });
      const written = await remote.other.createEvent({
        calendar: remote.calendar,
        ical,
        uid,
        suggestedRef: `other${params.seed}x${n}`,
      });
      tracked.set(uid, { uid, createdBy: "other", title: `o${n}`, location: `loc${n}`, remoteRef: written.ref });
      return;
    }
    // The other client reads the object it edits, as a client with its own copy would.
    const read = async (t: Tracked | undefined) => {
      if (!t) return null;
      const ref =
        t.remoteRef ?? (await db().event.findFirst({ where: { calendarId, uid: t.uid } }))?.remoteRef ?? undefined;
      return ref ? remote.other.fetchEvent({ calendar: remote.calendar, ref }) : null;
    };
    if (roll < 0.85) {
      const target = pick(live());
      const object = await read(target);
      if (!target || !object) return;
      const location = `loc${++counter}`;
      const ical = patchEventResource({ ical: object.ical, changes: { location } });
      try {
        await remote.other.updateEvent({
          calendar: remote.calendar,
          ref: object.ref,
          ical,
          etag: object.etag,
          fields: ["location"],
        });
        target.location = location;
      } catch (error) {
        if (!(error instanceof PreconditionFailed)) throw error;
      }
      return;
    }
    const target = pick(live("other"));
    const object = await read(target);
    if (!target || !object) return;
    try {
      await remote.other.deleteEvent({ calendar: remote.calendar, ref: object.ref, etag: object.etag });
      target.deletedBy = "other";
    } catch (error) {
      if (!(error instanceof PreconditionFailed)) throw error;
    }
  }

  async function pull(viaApi: boolean): Promise<void> {
    try {
      if (viaApi && remote.serverUrl) {
        const answer = await api(
          "sync",
          callRoute(syncRoute.POST, {
            method: "POST",
            path: `/api/v1/calendars/${calendarId}/sync?wait=true`,
            token: user.token,
            params: { id: calendarId },
          }),
        );
        if (answer.status >= 400) report.pullErrors += 1;
        return;
      }
      const result = await pullCalendar({ calendarId, provider: remote.concord });
      if (result.held > 0) report.heldPulls += 1;
    } catch {
      report.pullErrors += 1;
    }
  }

  async function sync(): Promise<void> {
    clock += 30_000;
    await pushCalendar({ calendarId, provider: remote.concord, now: new Date(clock) }).catch(() => undefined);
    // A poll- or webhook-triggered pull and a person's "Sync now" may overlap.
    if (chance(0.3)) await Promise.all([pull(false), pull(true)]);
    else await pull(chance(0.2));
  }

  for (let round = 0; round < params.rounds; round++) {
    if (chance(0.6)) await otherEdit();
    if (chance(0.6)) await concordEdit();
    if (remote.googleControl && chance(0.05)) {
      await remote.googleControl.invalidateSyncTokens(remote.calendar.remoteId);
    }
    await sync();
    if (params.log && (round + 1) % 100 === 0) {
      params.log(
        `round ${round + 1}/${params.rounds}: ${tracked.size} events, faults ${JSON.stringify(remote.faults.counts)}`,
      );
    }
  }

  // Faults stop. Each round moves the clock past the longest backoff (an hour), so "bounded"
  // means: sent within that many backoff periods.
  remote.faults.setProbability(0);
  for (let round = 1; round <= 8; round++) {
    clock += 3_600_000 + 60_000;
    await pushCalendar({ calendarId, provider: remote.concord, now: new Date(clock) }).catch(() => undefined);
    await pull(false);
    report.drainRounds = round;
    const pending = await db().pendingChange.count({ where: { calendarId, status: "PENDING" } });
    const calendar = await db().calendar.findUniqueOrThrow({ where: { id: calendarId } });
    if (pending === 0 && calendar.syncState !== "ERROR") break;
  }
  report.pendingAfterDrain = await db().pendingChange.count({ where: { calendarId, status: "PENDING" } });
  report.requests = remote.proxy.stats.requests;
  await compare({ remote, calendarId, tracked, report });
  return report;
}

/** Concord's calendar row for the remote's calendar (CalDAV: a stored connection through the proxy). */
export async function createConcordCalendar(params: {
  remote: ConvergenceRemote;
  userId: string;
  /** Another Google calendar of the fake than the remote's own. */
  googleCalendarId?: string;
}): Promise<string> {
  const { remote, userId } = params;
  if (remote.serverUrl && remote.credentials) {
    // A stored connection, so "Sync now" through the API reaches the server through the proxy.
    const stored = await storeConnection({
      userId,
      provider: "CALDAV",
      serverUrl: remote.serverUrl,
      accountName: remote.credentials.username,
      credentials: { kind: "password", ...remote.credentials },
      calendars: [
        {
          remoteId: remote.calendar.remoteId,
          remoteUrl: remote.calendar.remoteUrl ?? undefined,
          name: "Convergence",
          readOnly: false,
          supportsSyncCollection: true,
        },
      ],
    });
    return stored.calendars[0]!.id;
  }
  const connection = await db().connection.create({
    data: { userId, provider: "GOOGLE", accountName: "convergence", credentials: "adapter-injected" },
  });
  const calendar = await db().calendar.create({
    data: {
      userId,
      connectionId: connection.id,
      remoteId: params.googleCalendarId ?? remote.calendar.remoteId,
      remoteName: "Convergence",
    },
  });
  return calendar.id;
}

function uidOf(ical: string): string {
  return /^UID:(.*)$/m.exec(ical)?.[1]?.trim() ?? "";
}

async function compare(params: {
  remote: ConvergenceRemote;
  calendarId: string;
  tracked: Map<string, Tracked>;
  report: ConvergenceReport;
}): Promise<void> {
  const { remote, calendarId, tracked, report } = params;
  const rows = await db().event.findMany({ where: { calendarId, deletedLocally: false } });
  const objects = await remote.listRemote();
  const conflicts = await db().conflict.findMany({ where: { calendarId, status: "OPEN" }, include: { event: true } });
  report.openConflicts = conflicts.length;
  const conflictUids = new Set(conflicts.map((c) => c.event.uid));
  const local = groupBy(rows, (row) => row.uid);
  const remoteByUid = groupBy(objects, (object) => uidOf(object.ical));
  for (const [uid, list] of [...local, ...remoteByUid]) if (list.length > 1) report.duplicates.push(uid);
  for (const uid of conflictUids) {
    const t = tracked.get(uid);
    // Google and CalDAV edits here never touch the same field; only a delete can collide.
    if (!t?.deletedBy) report.spuriousConflicts.push(uid);
  }
  for (const t of tracked.values()) {
    const row = local.get(t.uid)?.[0];
    const object = remoteByUid.get(t.uid)?.[0];
    if (conflictUids.has(t.uid)) continue;
    if (t.deletedBy) {
      // A delete that met the other side's edit is a conflict (skipped above); any other
      // delete must be gone from both sides.
      if (row && object) report.unsurfacedConflicts.push(`${t.uid} deleted by ${t.deletedBy}, kept on both sides`);
      else if (row || object) report.diverged.push(`${t.uid} deleted by ${t.deletedBy} local=${Boolean(row)}`);
      continue;
    }
    if (!row || !object) {
      report.diverged.push(`${t.uid} (${t.createdBy}) local=${Boolean(row)} remote=${Boolean(object)}`);
      continue;
    }
    const localFields = extractEventFields(row.ical);
    const remoteFields = extractEventFields(object.ical);
    for (const [side, fields] of [
      ["local", localFields],
      ["remote", remoteFields],
    ] as const) {
      if (fields.title !== t.title) report.lostEdits.push(`${t.uid} ${side} title ${fields.title} != ${t.title}`);
      if (fields.location !== t.location)
        report.lostEdits.push(`${t.uid} ${side} location ${fields.location} != ${t.location}`);
    }
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}
