/**
 * Deletes an event locally (docs/api.md `DELETE /api/v1/events/{id}`). A whole event becomes a
 * hidden tombstone with a DELETE in the outbox (the row goes once the remote confirmed); one
 * occurrence becomes an EXDATE (scope this, RFC 5545 §3.8.5.1); "this and following" ends the
 * series before the occurrence (RRULE UNTIL). A whole event also goes to the Trash
 * (lib/trash), from which it can be restored for 30 days.
 */
import { randomUUID } from "node:crypto";
import { db } from "../db/client.ts";
import type { Event } from "../db/generated/client.ts";
import { cancelOccurrence } from "../ical/cancel-occurrence.ts";
import { splitSeries } from "../ical/split-series.ts";
import { trashEvent } from "../trash/trash-event.ts";
import { checkIfMatch } from "./edit-check-if-match.ts";
import { applyIcalEdit } from "./edit-ical-errors.ts";
import { assertOccurrenceExists } from "./occurrence-check.ts";
import { findEditableEvent, type Tx } from "./edit-find-event.ts";
import type { EditScope } from "./edit-input.ts";
import { queuePush } from "./edit-queue-push.ts";
import { recordLocalEdit } from "./edit-record.ts";
import { parseOccurrenceId } from "./occurrence-id.ts";
import { OVERRIDES_FIELD } from "./update-event.ts";

export async function deleteEvent(params: {
  userId: string;
  id: string;
  scope?: EditScope;
  ifMatch?: string | null;
}): Promise<void> {
  const { eventId, originalStart } = parseOccurrenceId(params.id);
  const scope = originalStart ? (params.scope ?? "this") : "all";
  const event = await db().$transaction(async (tx) => {
    const found = await findEditableEvent({ tx, userId: params.userId, eventId });
    checkIfMatch({ event: found, ifMatch: params.ifMatch });
    if (originalStart) assertOccurrenceExists({ ical: found.ical, originalStart });
    if (scope === "this" && originalStart) {
      const ical = applyIcalEdit(() => cancelOccurrence({ ical: found.ical, recurrenceId: originalStart }));
      return recordLocalEdit({ tx, event: found, ical, kind: "UPDATE", fields: ["recurrence", OVERRIDES_FIELD] });
    }
    if (scope === "following" && originalStart) {
      // The discarded second half needs a UID only because splitSeries builds it.
      const { before } = applyIcalEdit(() =>
        splitSeries({ ical: found.ical, at: originalStart, newUid: randomUUID() }),
      );
      if (before !== null)
        return recordLocalEdit({
          tx,
          event: found,
          ical: before,
          kind: "UPDATE",
          fields: ["recurrence", OVERRIDES_FIELD],
        });
    }
    await trashEvent({ tx, event: found });
    return markDeleted({ tx, event: found });
  });
  await queuePush({ calendarIds: [event.calendarId] });
}

export async function markDeleted(params: { tx: Tx; event: Event; targetCalendarId?: string }): Promise<Event> {
  const { tx, event } = params;
  return recordLocalEdit({
    tx,
    event,
    ical: event.ical,
    kind: params.targetCalendarId ? "MOVE" : "DELETE",
    fields: [],
    deletedLocally: true,
    targetCalendarId: params.targetCalendarId,
  });
}
