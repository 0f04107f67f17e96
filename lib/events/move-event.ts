/**
 * Moves an event to another calendar, possibly of another account or provider (docs/api.md
 * `POST /api/v1/events/{eventId}/move`): a CREATE of the same object in the target and a
 * DELETE (kind MOVE) from the source, one outbox entry each, in one transaction. The push
 * creates before it deletes (docs/design.md "Moving"), except inside one iCloud account, which keeps
 * one UID per account: there the source goes first (lib/sync/push/icloud-move-order.ts).
 * Concord does not tell guests, hence the warning. An event leaving Google for a CalDAV
 * calendar takes its Google reminders along as VALARMs (the way back is the Google adapter's).
 * Moving an untouched copy straight back before anything was sent revives the original instead.
 */
import { db } from "../db/client.ts";
import type { Event } from "../db/generated/client.ts";
import { AppError, notFound } from "../errors/app-error.ts";
import { providerNameOf } from "../connections/provider-name-of.ts";
import { providerTraits } from "../providers/provider-traits.ts";
import { markDeleted } from "./delete-event.ts";
import { checkIfMatch } from "./edit-check-if-match.ts";
import { findEditableEvent } from "./edit-find-event.ts";
import { findUnsentMoveSource } from "./find-unsent-move-source.ts";
import { queuePush } from "./edit-queue-push.ts";
import { parseOccurrenceId } from "./occurrence-id.ts";
import { reviveDeletedEvent } from "./revive-deleted-event.ts";
import { insertLocalEvent } from "./update-event.ts";

export interface MoveResult {
  event: Event;
  warnings: string[];
}

export async function moveEvent(params: {
  userId: string;
  eventId: string;
  calendarId: string;
  ifMatch?: string | null;
}): Promise<MoveResult> {
  const eventId = parseOccurrenceId(params.eventId).eventId;
  const result = await db().$transaction(async (tx) => {
    const source = await findEditableEvent({ tx, userId: params.userId, eventId });
    checkIfMatch({ event: source, ifMatch: params.ifMatch });
    const target = await tx.calendar.findFirst({
      where: { id: params.calendarId, userId: params.userId },
      include: { connection: { select: { provider: true } } },
    });
    if (!target) throw notFound("Calendar");
    if (target.id === source.calendarId) return { event: source, warnings: [], sourceCalendarId: source.calendarId };
    if (target.readOnly) throw new AppError("calendar_read_only", "The target calendar is read-only.");
    const original = await findUnsentMoveSource({ tx, copy: source, targetCalendarId: target.id });
    if (original) {
      // Moved straight back (an undo): the original comes back and the unsent copy vanishes.
      const revived = await reviveDeletedEvent({ tx, event: original });
      await markDeleted({ tx, event: source });
      return { event: revived, warnings: [], sourceCalendarId: source.calendarId };
    }
    const from = await tx.calendar.findUniqueOrThrow({
      where: { id: source.calendarId },
      select: { connection: { select: { provider: true } } },
    });
    // The source's adapter rewrites what the target could not keep (Google: reminders become alarms).
    const ical = providerTraits(providerNameOf(from.connection.provider)).icalLeaving({
      ical: source.ical,
      target: providerNameOf(target.connection.provider),
    });
    const moved = await insertLocalEvent({ tx, from: source, ical, calendarId: target.id });
    await markDeleted({ tx, event: source, targetCalendarId: target.id });
    const warnings = /^ATTENDEE[;:]/m.test(source.ical)
      ? [
          "The event has guests: they are not told about the move, and replies may still go to the old calendar's account.",
        ]
      : [];
    return { event: moved, warnings, sourceCalendarId: source.calendarId };
  });
  await queuePush({ calendarIds: [result.event.calendarId, result.sourceCalendarId] });
  return { event: result.event, warnings: result.warnings };
}
