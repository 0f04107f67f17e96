/**
 * The requests that take a change back (docs/architecture.md "Undo and the Trash"): the
 * previous field values through PATCH, a move back through the move endpoint, a delete through
 * the Trash. Each carries the etag its change answered with as If-Match, so a version the
 * person has not seen is refused (412) rather than overwritten. A Google push stores Google's
 * rewrite as a new version; then the event is read again and the undo goes ahead only when
 * every field it puts back still holds the value the change set.
 */
import { apiFetch, ApiError } from "../api/api-fetch.ts";
import type { Occurrence } from "../api/api-types.ts";
import type { UndoAction } from "./use-undo.ts";

type Fields = Record<string, unknown>;
interface Written {
  id: string;
  calendarId: string;
  etag?: string | null;
}

const eventPath = (id: string) => `/api/v1/events/${encodeURIComponent(id)}`;

function changedElsewhere(): ApiError {
  return new ApiError({
    status: 412,
    code: "precondition_failed",
    message: "the event was changed elsewhere since, so it was left as it is.",
  });
}

function sameValue(key: string, a: unknown, b: unknown): boolean {
  if ((key === "start" || key === "end") && typeof a === "string" && typeof b === "string" && a.length > 10)
    return Date.parse(a) === Date.parse(b);
  if (key === "title" || key === "location" || key === "description") return (a ?? "") === (b ?? "");
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Sends with `etag`; on 412 for a plain event, once more with the current etag if `applied` still holds. */
async function withVersionCheck<T>(params: {
  eventId: string;
  etag: string;
  isRecurring: boolean;
  stillHolds: (current: Occurrence) => boolean;
  send: (etag: string) => Promise<T>;
}): Promise<T> {
  try {
    return await params.send(params.etag);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 412 || params.isRecurring) throw error;
    const current = await apiFetch<Occurrence>(eventPath(params.eventId));
    if (!current.etag || !params.stillHolds(current)) throw changedElsewhere();
    return params.send(current.etag);
  }
}

function patchBack(params: {
  id: string;
  eventId: string;
  scopeSuffix: string;
  previous: Fields;
  applied: Fields;
  etag: string;
  isRecurring: boolean;
}): Promise<Written> {
  return withVersionCheck({
    eventId: params.eventId,
    etag: params.etag,
    isRecurring: params.isRecurring,
    stillHolds: (current) =>
      Object.entries(params.applied).every(
        ([key, value]) => key === "timeZone" || sameValue(key, (current as unknown as Fields)[key], value),
      ),
    send: (etag) =>
      apiFetch<Written>(`${eventPath(params.id)}${params.scopeSuffix}`, {
        method: "PATCH",
        body: params.previous,
        headers: { "If-Match": etag },
      }),
  });
}

/** Undo of an edit, a drag or a resize: the previous values of exactly the fields it changed. */
export function undoFieldChange(params: {
  text: string;
  occurrence: Occurrence;
  scopeSuffix: string;
  previous: Fields;
  applied: Fields;
  etag: string;
  isRecurring: boolean;
}): UndoAction {
  return {
    text: params.text,
    undo: async () => {
      await patchBack({ ...params, id: params.occurrence.id, eventId: params.occurrence.eventId });
    },
  };
}

/** Undo of a move to another calendar (and of the edit saved with it): moved back, then the fields. */
export function undoCalendarMove(params: {
  text: string;
  moved: Written;
  fromCalendarId: string;
  previous: Fields;
  applied: Fields;
}): UndoAction {
  return {
    text: params.text,
    undo: async () => {
      const { moved } = params;
      if (!moved.etag) throw changedElsewhere();
      const back = await withVersionCheck({
        eventId: moved.id,
        etag: moved.etag,
        isRecurring: false,
        stillHolds: (current) => current.calendarId === moved.calendarId,
        send: (etag) =>
          apiFetch<Written>(`${eventPath(moved.id)}/move`, {
            method: "POST",
            body: { calendarId: params.fromCalendarId },
            headers: { "If-Match": etag },
          }),
      });
      if (Object.keys(params.previous).length === 0 || !back.etag) return;
      await patchBack({
        id: back.id,
        eventId: back.id,
        scopeSuffix: "",
        previous: params.previous,
        applied: params.applied,
        etag: back.etag,
        isRecurring: false,
      });
    },
  };
}

/** Undo of deleting a whole event: restored from the Trash (its id is the event's id). */
export function undoDelete(params: { text: string; eventId: string }): UndoAction {
  return {
    text: params.text,
    undo: async () => {
      await apiFetch(`/api/v1/trash/${encodeURIComponent(params.eventId)}/restore`, { method: "POST", body: {} });
    },
  };
}

/** The values `keys` had in `fields` (what an undo puts back). */
export function pickFields(fields: object, keys: string[]): Fields {
  const source = fields as Fields;
  return Object.fromEntries(keys.map((key) => [key, source[key]]));
}

/**
 * Whether a PATCH can be taken back by another PATCH of the same id: always for a plain event
 * or one occurrence; for a whole series only when its times stayed (moving a series renames its
 * occurrences); never for "this and following", which split the series in two.
 */
export function canUndoEdit(params: { scope: string; changes: object; isRecurring: boolean }): boolean {
  if (!params.isRecurring || params.scope === "this") return true;
  const changes = params.changes as Fields;
  return params.scope === "all" && changes.start === undefined && changes.end === undefined;
}
