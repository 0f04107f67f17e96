/**
 * What `POST /api/v1/calendars/{id}/sync` and `POST /api/v1/sync` do (docs/api.md "Calendars").
 * Without `wait`: a RUNNING SyncRun per calendar and a queued `concord/calendar.pull`; the pull
 * job finishes that run. With `wait`: each calendar's outbox is drained first (so the pull sees
 * our own writes as echoes), then the calendar is pulled here, one calendar after another.
 * Either way, local changes a server had refused for good are queued again first.
 */
import { db } from "../db/client.ts";
import { AppError, notFound } from "../errors/app-error.ts";
import { ProviderError, RateLimited } from "../providers/errors.ts";
import { sendEvent } from "../queue/send-event.ts";
import { describeSyncError } from "./pull/describe-sync-error.ts";
import { createPullRun, finishPullRuns } from "./pull/sync-run-rows.ts";
import { pullCalendar } from "./pull-calendar.ts";
import { pushCalendar } from "./push-calendar.ts";
import { retryRefusedChanges } from "./push/retry-refused-changes.ts";

export interface CalendarSyncResult {
  calendarId: string;
  /** The calendar's name as the person sees it, so a message can say which one failed. */
  name: string;
  runId: string;
  created: number;
  updated: number;
  deleted: number;
  conflicts: number;
  held: number;
  /** Local changes this sync tried to send and could not (they stay queued and are retried). */
  unsent: number;
  /** Set when this calendar's sync failed (the others still ran). */
  error?: string;
}

export type SyncCalendarsResult =
  | { wait: false; runId: string | null; runIds: string[] }
  | ({ wait: true; runId: string | null; calendars: CalendarSyncResult[] } & Omit<
      CalendarSyncResult,
      "calendarId" | "name" | "runId" | "error" | "unsent"
    >);

/**
 * A failed single-calendar sync answers 502 with the sentence stored on the calendar (which
 * provider, what to do: "reconnect it"), not a generic one; throttling stays a 429.
 */
function asHttpError(error: unknown): unknown {
  if (error instanceof RateLimited || !(error instanceof ProviderError)) return error;
  return new AppError("provider_failed", describeSyncError(error), { cause: error });
}

export async function syncCalendars(params: {
  userId: string;
  /** Omitted: every enabled calendar of the user. Named calendars sync even when disabled. */
  calendarIds?: string[];
  wait: boolean;
}): Promise<SyncCalendarsResult> {
  const calendars = await db().calendar.findMany({
    where: {
      userId: params.userId,
      ...(params.calendarIds ? { id: { in: params.calendarIds } } : { enabled: true }),
    },
    select: {
      id: true,
      name: true,
      remoteName: true,
      connectionId: true,
      enabled: true,
      connection: { select: { status: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  if (params.calendarIds && calendars.length !== new Set(params.calendarIds).size) throw notFound("Calendar");

  const retried = await retryRefusedChanges({ userId: params.userId, calendarIds: calendars.map((c) => c.id) });
  const runIds: string[] = [];
  for (const calendar of calendars) {
    runIds.push(
      await createPullRun({ userId: params.userId, connectionId: calendar.connectionId, calendarId: calendar.id }),
    );
  }
  if (!params.wait) {
    for (const [index, calendar] of calendars.entries()) {
      // The pull job ends quietly for these (lib/jobs/find-calendar-to-sync.ts): say why now
      // instead of leaving the run RUNNING for ever.
      const refusal =
        calendar.connection.status === "NEEDS_REAUTH"
          ? "The account refused the stored sign-in; reconnect it to resume syncing."
          : !calendar.enabled
            ? "This calendar is turned off; turn it on to sync it."
            : null;
      if (refusal) {
        await finishPullRuns({
          runIds: [runIds[index] as string],
          status: "ERROR",
          kind: "PULL",
          requests: 0,
          error: refusal,
        });
        continue;
      }
      if (retried.includes(calendar.id)) {
        await sendEvent({ name: "concord/outbox.push", data: { calendarId: calendar.id } });
      }
      await sendEvent({ name: "concord/calendar.pull", data: { calendarId: calendar.id, reason: "api" } });
    }
    return { wait: false, runId: runIds[0] ?? null, runIds };
  }

  const results: CalendarSyncResult[] = [];
  for (const [index, calendar] of calendars.entries()) {
    const runId = runIds[index] as string;
    const name = calendar.name ?? calendar.remoteName;
    // A failed push leaves its entries queued with their backoff; the pull still runs and
    // records its own outcome.
    const push = await pushCalendar({ calendarId: calendar.id }).catch(() => ({ conflicts: 0, failed: 1 }));
    try {
      const pulled = await pullCalendar({ calendarId: calendar.id, runId });
      results.push({
        calendarId: calendar.id,
        name,
        ...pulled,
        conflicts: pulled.conflicts + push.conflicts,
        unsent: push.failed,
      });
    } catch (error) {
      if (params.calendarIds?.length === 1) throw asHttpError(error);
      results.push({
        calendarId: calendar.id,
        name,
        runId,
        unsent: push.failed,
        created: 0,
        updated: 0,
        deleted: 0,
        conflicts: 0,
        held: 0,
        error: describeSyncError(error),
      });
    }
  }
  const total = (key: "created" | "updated" | "deleted" | "conflicts" | "held") =>
    results.reduce((sum, result) => sum + result[key], 0);
  return {
    wait: true,
    runId: runIds[0] ?? null,
    created: total("created"),
    updated: total("updated"),
    deleted: total("deleted"),
    conflicts: total("conflicts"),
    held: total("held"),
    calendars: results,
  };
}
