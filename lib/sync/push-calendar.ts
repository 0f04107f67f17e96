/**
 * Drains a calendar's outbox (docs/design.md "Sync rules", push): events in the order of their
 * oldest pending entry, each event's entries in order (push/push-event.ts). AuthRevoked marks
 * the connection NEEDS_REAUTH and stops with every entry kept; RateLimited backs the event off
 * and is rethrown so the job layer delays the whole calendar; other failures back the event off
 * and the push goes on (RemoteUnavailable stops it: the server is down for every event).
 */
import { markConnectionNeedsReauth } from "../connections/mark-connection-needs-reauth.ts";
import { db } from "../db/client.ts";
import { AuthRevoked, RateLimited, RemoteUnavailable } from "../providers/errors.ts";
import type { CalendarProvider, CalendarRef } from "../providers/types.ts";
import { providerForConnection } from "../connections/provider-for-connection.ts";
import { deferEvent, describePushError } from "./push/defer-event.ts";
import { findMoveTarget } from "./push/move-order.ts";
import { pushEvent, type PushContext } from "./push/push-event.ts";

export interface PushResult {
  pushed: number;
  conflicts: number;
  failed: number;
}

export async function pushCalendar(params: {
  calendarId: string;
  provider?: CalendarProvider;
  now?: Date;
}): Promise<PushResult> {
  const result: PushResult = { pushed: 0, conflicts: 0, failed: 0 };
  const now = params.now ?? new Date();
  const calendar = await db().calendar.findUnique({ where: { id: params.calendarId }, include: { connection: true } });
  if (!calendar || calendar.connection.status === "NEEDS_REAUTH" || calendar.remoteDeletedAt) return result;
  const pending = await db().pendingChange.findMany({
    where: { calendarId: calendar.id, status: "PENDING" },
    orderBy: { createdAt: "asc" },
    select: { eventId: true, nextAttemptAt: true },
  });
  // An event waits as a whole while its oldest entry backs off: its entries are never reordered.
  const eventIds: string[] = [];
  const seen = new Set<string>();
  for (const change of pending) {
    if (seen.has(change.eventId)) continue;
    seen.add(change.eventId);
    if (change.nextAttemptAt <= now) eventIds.push(change.eventId);
  }
  if (eventIds.length === 0) return result;

  const provider = params.provider ?? (await providerForConnection({ connection: calendar.connection }));
  const context: PushContext = { provider, calendar: calendarRefOf(calendar), connectionId: calendar.connectionId };
  const run = await db().syncRun.create({
    data: { userId: calendar.userId, connectionId: calendar.connectionId, calendarId: calendar.id, kind: "PUSH" },
  });
  let runError: string | null = null;
  try {
    for (const eventId of eventIds) {
      try {
        const move = await db().pendingChange.findFirst({
          where: { eventId, kind: "MOVE", status: "PENDING" },
          select: { targetCalendarId: true, event: { select: { uid: true } } },
        });
        const outcome = await pushEvent({ context, eventId });
        if (outcome === "pushed") result.pushed += 1;
        if (outcome === "conflict") result.conflicts += 1;
        if (outcome === "pushed" && move) {
          const target = await findMoveTarget({
            providerName: provider.name,
            connectionId: calendar.connectionId,
            move: { targetCalendarId: move.targetCalendarId, uid: move.event.uid },
          });
          // Same iCloud account: the create in the target waited for this delete (icloud-move-order.ts).
          if (target) {
            const targetContext = { ...context, calendar: calendarRefOf(target.calendar) };
            try {
              if ((await pushEvent({ context: targetContext, eventId: target.eventId })) === "pushed")
                result.pushed += 1;
            } catch (error) {
              await deferEvent({ eventId: target.eventId, error, now });
              throw error;
            }
          }
        }
      } catch (error) {
        result.failed += 1;
        runError = describePushError(error);
        if (error instanceof AuthRevoked) {
          await markConnectionNeedsReauth({ connectionId: calendar.connectionId });
          break;
        }
        await deferEvent({ eventId, error, now });
        if (error instanceof RateLimited) throw error;
        if (error instanceof RemoteUnavailable) break;
      }
    }
  } finally {
    await db().syncRun.update({
      where: { id: run.id },
      data: {
        status: runError ? "ERROR" : "OK",
        updated: result.pushed,
        conflicts: result.conflicts,
        error: runError,
        finishedAt: new Date(),
      },
    });
  }
  return result;
}

function calendarRefOf(calendar: {
  remoteId: string;
  remoteUrl: string | null;
  supportsSyncCollection: boolean | null;
}): CalendarRef {
  return {
    remoteId: calendar.remoteId,
    remoteUrl: calendar.remoteUrl,
    supportsSyncCollection: calendar.supportsSyncCollection,
  };
}
