/**
 * Edits an event locally (docs/api.md `PATCH /api/v1/events/{id}`). The stored iCalendar text is
 * patched, never regenerated, so alarms, attendees, X- properties and overrides survive
 * (docs/design.md "Sync rules"). For an occurrence id the scope decides what changes:
 * this = an override (RFC 5545 §3.8.4.4 RECURRENCE-ID), following = the series is split into
 * two (the old one ends, a new one with a new UID starts at the occurrence), all = the master.
 */
import { db } from "../db/client.ts";
import type { Event } from "../db/generated/client.ts";
import { AppError } from "../errors/app-error.ts";
import { extractEventFields } from "../ical/extract-event-fields.ts";
import { patchEventResource } from "../ical/patch-event-resource.ts";
import { splitSeries } from "../ical/split-series.ts";
import { newEventUid } from "./create-event.ts";
import { applyPatchInput, shiftMasterTimes } from "./edit-apply-input.ts";
import { changedFields } from "./edit-changed-fields.ts";
import { checkIfMatch } from "./edit-check-if-match.ts";
import { checkRecurrenceLines, checkSeriesWithinBudget } from "./check-recurrence-limits.ts";
import { applyIcalEdit } from "./edit-ical-errors.ts";
import { assertOccurrenceExists } from "./occurrence-check.ts";
import { eventColumnsFromIcal } from "../ical/event-columns.ts";
import { findEditableEvent, type Tx } from "./edit-find-event.ts";
import type { EditScope, PatchEventInput } from "./edit-input.ts";
import { queuePush } from "./edit-queue-push.ts";
import { recordLocalEdit } from "./edit-record.ts";
import { validateEventFields } from "./edit-validate-fields.ts";
import { parseOccurrenceId } from "./occurrence-id.ts";

/** Field name the outbox records when an override (one occurrence) changed. */
export const OVERRIDES_FIELD = "overrides";

export async function updateEvent(params: {
  userId: string;
  id: string;
  input: PatchEventInput;
  scope?: EditScope;
  ifMatch?: string | null;
}): Promise<Event> {
  const { eventId, originalStart } = parseOccurrenceId(params.id);
  // Only new recurrence lines are checked: a series that arrived from a server beyond the
  // limits keeps its rule and can still be renamed or moved.
  if (params.input.recurrence !== undefined) checkRecurrenceLines(params.input.recurrence);
  const scope = originalStart ? (params.scope ?? "this") : "all";
  const result = await db().$transaction(async (tx) => {
    const event = await findEditableEvent({ tx, userId: params.userId, eventId });
    checkIfMatch({ event, ifMatch: params.ifMatch });
    if (originalStart) assertOccurrenceExists({ ical: event.ical, originalStart });
    if (scope === "all" || !originalStart) return editMaster({ tx, event, input: params.input, originalStart });
    if (params.input.recurrence !== undefined) {
      throw new AppError("validation_failed", "recurrence can only be changed for the whole series (scope=all).");
    }
    if (scope === "this") return editOccurrence({ tx, event, input: params.input, originalStart });
    return editFollowing({ tx, event, input: params.input, originalStart });
  });
  await queuePush({ calendarIds: [result.calendarId] });
  return result;
}

async function editMaster(params: {
  tx: Tx;
  event: Event;
  input: PatchEventInput;
  originalStart: string | null;
}): Promise<Event> {
  const { tx, event, input, originalStart } = params;
  const current = extractEventFields(event.ical);
  let next = applyPatchInput({ current, input });
  if (originalStart && (input.start !== undefined || input.end !== undefined)) {
    const occurrence = extractEventFields(event.ical, originalStart);
    const shifted = shiftMasterTimes({
      master: current,
      occurrence,
      next: applyPatchInput({ current: occurrence, input }),
    });
    next = { ...next, start: shifted.start, end: shifted.end };
  }
  const { names, changes } = changedFields({ current, next: validateEventFields(next) });
  if (names.length === 0) return event;
  const ical = applyIcalEdit(() => patchEventResource({ ical: event.ical, changes }));
  if (names.includes("recurrence")) checkSeriesWithinBudget(ical);
  return recordLocalEdit({ tx, event, ical, kind: "UPDATE", fields: names });
}

async function editOccurrence(params: {
  tx: Tx;
  event: Event;
  input: PatchEventInput;
  originalStart: string;
}): Promise<Event> {
  const { tx, event, input, originalStart } = params;
  const current = extractEventFields(event.ical, originalStart);
  const next = validateEventFields(applyPatchInput({ current, input }));
  const { names, changes } = changedFields({ current, next });
  if (names.length === 0) return event;
  const ical = applyIcalEdit(() => patchEventResource({ ical: event.ical, changes, recurrenceId: originalStart }));
  return recordLocalEdit({ tx, event, ical, kind: "UPDATE", fields: [OVERRIDES_FIELD] });
}

/** Returns the new series, which holds the edited occurrence. */
async function editFollowing(params: {
  tx: Tx;
  event: Event;
  input: PatchEventInput;
  originalStart: string;
}): Promise<Event> {
  const { tx, event, input, originalStart } = params;
  const uid = newEventUid();
  const { before, after } = applyIcalEdit(() => splitSeries({ ical: event.ical, at: originalStart, newUid: uid }));
  // The occurrence is the first of the series: "this and following" is the whole series.
  if (before === null) return editMaster({ tx, event, input, originalStart });
  const current = extractEventFields(after);
  const next = validateEventFields(applyPatchInput({ current, input }));
  const { changes } = changedFields({ current, next });
  const newIcal =
    Object.keys(changes).length > 0 ? applyIcalEdit(() => patchEventResource({ ical: after, changes })) : after;
  await recordLocalEdit({ tx, event, ical: before, kind: "UPDATE", fields: ["recurrence", OVERRIDES_FIELD] });
  return insertLocalEvent({ tx, from: event, ical: newIcal });
}

/** A new local-only event (not yet on the remote) with its CREATE in the outbox. */
export async function insertLocalEvent(params: {
  tx: Tx;
  from: Pick<Event, "userId" | "calendarId">;
  ical: string;
  calendarId?: string;
}): Promise<Event> {
  const { tx, from, ical } = params;
  const calendarId = params.calendarId ?? from.calendarId;
  const created = await tx.event.create({
    data: { userId: from.userId, calendarId, ...eventColumnsFromIcal(ical), ical, base: null, syncState: "PENDING" },
  });
  await tx.pendingChange.create({
    data: { userId: from.userId, eventId: created.id, calendarId, kind: "CREATE", fields: [], baseEtag: null },
  });
  return created;
}
