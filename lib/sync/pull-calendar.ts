/**
 * Pull (remote -> local) of one calendar (docs/design.md "Sync rules"): changes since the stored
 * cursor, applied together with the new cursor in one transaction, so a crash repeats work and
 * never loses it. Records a SyncRun and the calendar's sync state for every pull.
 */
import { db } from "../db/client.ts";
import { Prisma } from "../db/generated/client.ts";
import { notFound } from "../errors/app-error.ts";
import { createExpansionBudget } from "../ical/expansion-budget.ts";
import { markConnectionNeedsReauth } from "../connections/mark-connection-needs-reauth.ts";
import { AuthRevoked, GoneRemotely } from "../providers/errors.ts";
import type { Calendar } from "../db/generated/client.ts";
import type { CalendarProvider, Cursor, RemoteObject } from "../providers/types.ts";
import { applyPullPlan, type AppliedCounts } from "./pull/apply-pull-plan.ts";
import { describeSyncError } from "./pull/describe-sync-error.ts";
import { readEventColumns, type ParsedRemote } from "./pull/event-columns.ts";
import { fetchRemoteChanges, storedCursor, type FetchedChanges } from "./pull/fetch-remote-changes.ts";
import { loadExistingRows } from "./pull/load-existing-rows.ts";
import { planPull, type ExistingRow } from "./pull/plan-pull.ts";
import { recordPullProgress, type PullProgress } from "./pull/record-pull-progress.ts";
import { claimPullRuns, finishPullRuns } from "./pull/sync-run-rows.ts";
import { providerForConnection } from "../connections/provider-for-connection.ts";

export interface PullCalendarResult extends AppliedCounts {
  runId: string;
  /** Deletions held back by the mass-deletion guard (0 = not held). */
  held: number;
}

/** Long enough for a 10k-event first pull on a slow disk; Prisma's default is 5 s. */
const TRANSACTION_TIMEOUT_MS = 120_000;

/**
 * Expansion time one pull run may spend on series spans. 10k ordinary series take well under
 * a second; past it (a calendar of rule bombs) spans count as open-ended, which only widens
 * what the range query looks at.
 */
const PULL_EXPANSION_MAX_MS = 5_000;

/** Fetches from a cursor another pull has replaced meanwhile before this one gives way. */
const MAX_FETCHES = 3;

/** Another pull of the calendar saved its cursor while this one was fetching. */
class CursorMoved extends Error {}

function sameCursor(a: Cursor | null, b: Cursor | null): boolean {
  return (a?.syncToken ?? null) === (b?.syncToken ?? null) && (a?.ctag ?? null) === (b?.ctag ?? null);
}

/**
 * `runId`: the SyncRun row the API created when it queued this pull. `provider` replaces the
 * connection's adapter (tests, benchmarks).
 */
export async function pullCalendar(params: {
  calendarId: string;
  runId?: string;
  provider?: CalendarProvider;
}): Promise<PullCalendarResult> {
  const calendar = await db().calendar.findUnique({ where: { id: params.calendarId }, include: { connection: true } });
  if (!calendar) throw notFound("Calendar");
  const cursor = storedCursor(calendar);
  let kind: "PULL" | "FULL_PULL" = cursor ? "PULL" : "FULL_PULL";
  const runIds = await claimPullRuns({
    userId: calendar.userId,
    connectionId: calendar.connectionId,
    calendarId: calendar.id,
    runId: params.runId,
    kind,
  });
  const runId = runIds[0] as string;
  const progress = recordPullProgress({ runIds });
  let requests = 0;
  await db().calendar.update({ where: { id: calendar.id }, data: { syncState: "SYNCING" } });

  try {
    if (calendar.connection.status === "NEEDS_REAUTH") {
      throw new AuthRevoked("The connection is waiting to be reconnected.");
    }
    // Gone on the server, kept only for unsent local changes (refresh-calendar-list.ts).
    if (calendar.remoteDeletedAt) throw new GoneRemotely("The calendar was deleted on the server.", 404);
    const provider = params.provider ?? (await providerForConnection({ connection: calendar.connection }));
    let outcome: { counts: AppliedCounts; held: number } = { counts: { ...NO_CHANGES }, held: 0 };
    let from = cursor;
    for (let fetch = 1; fetch <= MAX_FETCHES; fetch++) {
      try {
        const applied = await fetchAndApply({ calendar, provider, cursor: from, progress });
        requests += applied.requests;
        if (applied.isFullPull) kind = "FULL_PULL";
        outcome = applied.outcome;
        break;
      } catch (error) {
        if (!(error instanceof CursorMoved)) throw error;
        // What this pull read is older than, or as new as, what another pull just stored:
        // applying it could put back an older version under a newer cursor. Start again
        // from the stored cursor; after a few rounds the other pulls have done the work.
        from = storedCursor(await db().calendar.findUniqueOrThrow({ where: { id: calendar.id } }));
      }
    }

    await finishPullRuns({
      runIds,
      status: outcome.held > 0 ? "HELD" : "OK",
      kind,
      counts: outcome.counts,
      requests,
    });
    return { runId, ...outcome.counts, held: outcome.held };
  } catch (error) {
    const message = describeSyncError(error);
    if (error instanceof AuthRevoked && calendar.connection.status !== "NEEDS_REAUTH") {
      await markConnectionNeedsReauth({ connectionId: calendar.connectionId, reason: message });
    }
    await db().calendar.update({ where: { id: calendar.id }, data: { syncState: "ERROR", syncError: message } });
    await finishPullRuns({ runIds, status: "ERROR", kind, requests, error: message });
    throw error;
  }
}

const NO_CHANGES: AppliedCounts = { created: 0, updated: 0, deleted: 0, conflicts: 0 };

/**
 * One fetch from `cursor` and its changes applied with the new cursor in one transaction.
 * The transaction locks the calendar row and checks the stored cursor is still the one the
 * fetch started from: two pulls of one calendar (a webhook's and a person's "Sync now") never
 * interleave their writes, and an older answer never lands over a newer cursor.
 */
async function fetchAndApply(params: {
  calendar: Calendar;
  provider: CalendarProvider;
  cursor: Cursor | null;
  progress: PullProgress;
}): Promise<{ outcome: { counts: AppliedCounts; held: number }; requests: number; isFullPull: boolean }> {
  const { calendar, provider, cursor, progress } = params;
  // Creates our push finishes from here on may be missing from a listing read now.
  const listingStartedAt = new Date();
  const fetched: FetchedChanges = await fetchRemoteChanges({ provider, calendar, cursor });
  await progress.received(fetched.changes.length);

  // Parsed once per (ref, etag), inside the transaction, overlapping the writes
  // (pull/write-pipelined.ts); only new and changed objects are parsed at all.
  const parsed = new Map<string, ParsedRemote>();
  const budget = createExpansionBudget({ maxMs: PULL_EXPANSION_MAX_MS });
  const parse = (remote: RemoteObject): ParsedRemote => {
    const key = `${remote.ref}\u0000${remote.etag ?? ""}`;
    let result = parsed.get(key);
    if (!result) {
      result = readEventColumns({ ical: remote.ical, ref: remote.ref, budget: budget.forEvent() });
      parsed.set(key, result);
    }
    return result;
  };

  const outcome = await db().$transaction(
    async (tx) => {
      // NO KEY UPDATE: serialises pulls of this calendar without blocking local edits, whose
      // foreign-key checks only take KEY SHARE on the calendar row.
      await tx.$executeRaw`SELECT 1 FROM "Calendar" WHERE "id" = ${calendar.id} FOR NO KEY UPDATE`;
      const current = await tx.calendar.findUniqueOrThrow({
        where: { id: calendar.id },
        select: { heldDeletions: true, syncToken: true, ctag: true },
      });
      if (!sameCursor(storedCursor(current), cursor)) throw new CursorMoved();
      const plan = planPull({
        ...(await loadPlanRows({
          client: tx,
          calendarId: calendar.id,
          fetched,
          held: current.heldDeletions,
          listingStartedAt,
        })),
        changes: fetched.changes,
        isFullListing: fetched.isFullListing,
        previouslyHeld: heldRefsOf(current.heldDeletions),
      });
      const counts = await applyPullPlan({
        tx,
        userId: calendar.userId,
        calendarId: calendar.id,
        plan,
        parse,
        onProgress: progress.saved,
      });
      const isHeld = plan.heldRefs.length > 0;
      await tx.calendar.update({
        where: { id: calendar.id },
        data: {
          syncToken: fetched.cursor.syncToken ?? null,
          ctag: fetched.cursor.ctag ?? null,
          syncState: isHeld ? "HELD" : "OK",
          heldDeletions: isHeld ? plan.heldRefs : Prisma.DbNull,
          syncError: isHeld ? heldMessage(plan.heldRefs.length) : null,
          lastSyncedAt: new Date(),
        },
      });
      return { counts, held: plan.heldRefs.length };
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS },
  );
  await progress.flush();
  return { outcome, requests: fetched.requests, isFullPull: fetched.isFullPull };
}

/**
 * The rows a plan needs: all of them after a full listing (for the sweep); otherwise only the
 * rows the changes and earlier held deletions name, plus the calendar's row count for the
 * mass-deletion guard — so a no-op incremental pull of a 10k-event calendar reads no rows.
 */
async function loadPlanRows(params: {
  client: Prisma.TransactionClient;
  calendarId: string;
  fetched: FetchedChanges;
  held: unknown;
  listingStartedAt: Date;
}): Promise<{ existing: ExistingRow[]; totalRows?: number; createdSinceListing?: Set<string> }> {
  const { client, calendarId, fetched } = params;
  if (fetched.isFullListing) {
    // A push that created an event while the listing was on the wire sets its remote ref
    // before this transaction reads the rows: the sweep must not take that for a deletion.
    const pushed = await client.pendingChange.findMany({
      where: { calendarId, kind: "CREATE", status: "DONE", updatedAt: { gte: params.listingStartedAt } },
      select: { eventId: true },
    });
    return {
      existing: await loadExistingRows({ client, calendarId }),
      createdSinceListing: new Set(pushed.map((change) => change.eventId)),
    };
  }
  const refs = [...new Set([...fetched.changes.map((change) => change.ref), ...heldRefsOf(params.held)])];
  const existing = await loadExistingRows({ client, calendarId, refs });
  const hasDeletions = fetched.changes.some((change) => change.type === "delete");
  const totalRows = hasDeletions ? await client.event.count({ where: { calendarId, remoteRef: { not: null } } }) : 0;
  return { existing, totalRows };
}

function heldMessage(count: number): string {
  return `${count} event${count === 1 ? " was" : "s were"} deleted on the server; nothing was removed here until you confirm.`;
}

/** Calendar.heldDeletions as a list of refs (JSON array of strings; anything else = none). */
export function heldRefsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((ref): ref is string => typeof ref === "string") : [];
}
