"use client";

import type { CalendarRef, DateSelectInfo, EventDropInfo, EventResizeDoneInfo } from "@fullcalendar/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { apiFetch, ApiError, describeError } from "../api/api-fetch.ts";
import type { CalendarItem, Occurrence } from "../api/api-types.ts";
import { useConflicts } from "../conflicts/conflicts-provider.tsx";
import { useNotify } from "../ui/notice-area.tsx";
import { UndoToast } from "../ui/undo-toast.tsx";
import { initialPosition } from "./calendar-position.ts";
import { CalendarSidebar } from "./calendar-sidebar.tsx";
import { CalendarView } from "./calendar-view.tsx";
import {
  changedFields,
  draftForNewEvent,
  draftFromOccurrence,
  fieldsFromDraft,
  type EventDraft,
} from "./event-draft.ts";
import { EventEditor } from "./event-editor.tsx";
import { NewEventButton } from "./new-event-button.tsx";
import { ScopePrompt, type EditScope } from "./scope-prompt.tsx";
import { useCalendarData } from "./use-calendar-data.ts";
import { useOccurrences } from "./use-occurrences.ts";
import { useScopeQuestion } from "./use-scope-question.ts";
import { canUndoEdit, pickFields, undoCalendarMove, undoDelete, undoFieldChange } from "./undo-actions.ts";
import { useUndo } from "./use-undo.ts";
import { useSyncNow } from "./use-sync-now.ts";
import { useDisplayTimeZone } from "./use-display-time-zone.ts";
import { useOpeningHour } from "./use-opening-hour.ts";
import { calendarStringToInstant, FLOATING } from "./zoned-time.ts";

type EditorState = { mode: "create"; draft: EventDraft } | { mode: "edit"; draft: EventDraft; occurrence: Occurrence };

const dayMs = 86_400_000;
function isRecurring(occurrence: Occurrence): boolean {
  return Boolean(occurrence.recurringEventId || occurrence.recurrence?.length);
}

function refusalMessage(error: unknown, what: string): string {
  if (error instanceof ApiError && error.status === 412) {
    return `${what} was not saved: the event changed elsewhere in the meantime. The calendar shows the current version.`;
  }
  return `${what} was not saved: ${describeError(error)}`;
}

/** The merged calendar page: sidebar, FullCalendar, the event editor and the prompts. */
export function MergedCalendar() {
  const notify = useNotify();
  const { resolvedCount, openForEvent, refresh: refreshConflicts } = useConflicts();
  const calendarRef = useRef<CalendarRef>(null);
  const [timeZone, setTimeZone] = useDisplayTimeZone();
  const [range, setRange] = useState<{ start: Date; end: Date } | null>(null);
  const [editor, setEditor] = useState<EditorState | null>(null);
  const { question: scopeQuestion, askScope } = useScopeQuestion();
  const [busy, setBusy] = useState(false);
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const [position] = useState(initialPosition);
  const reloadEventsRef = useRef<() => void>(() => undefined);
  const data = useCalendarData({ onSyncFinished: () => reloadEventsRef.current() });
  const { calendars, setCalendars } = data;
  const { occurrences, setOccurrences, loadEvents, replaceOccurrence, writeEvent } = useOccurrences({
    range,
    resolvedCount,
    refreshConflicts,
  });
  useEffect(() => {
    reloadEventsRef.current = () => void loadEvents();
  }, [loadEvents]);
  const undo = useUndo({ onUndone: loadEvents });
  const { syncing, syncNow } = useSyncNow({
    calendars,
    refresh: async () => {
      await data.reload();
      await loadEvents();
      await refreshConflicts();
    },
  });
  useOpeningHour({ calendarRef, items: occurrences, timeZone });

  // Shown at once when a calendar is hidden, before the refetch confirms it.
  const visibleOccurrences = useMemo(() => {
    const disabled = new Set(calendars.filter((c) => !c.enabled).map((c) => c.id));
    if (disabled.size === 0) return occurrences;
    return occurrences.filter((o) =>
      (o.calendarIds?.length ? o.calendarIds : [o.calendarId]).some((id) => !disabled.has(id)),
    );
  }, [occurrences, calendars]);
  const writable = useMemo(() => calendars.filter((c) => !c.readOnly), [calendars]);

  async function toggleCalendar(calendar: CalendarItem, enabled: boolean) {
    setCalendars((list) => list.map((c) => (c.id === calendar.id ? { ...c, enabled } : c)));
    try {
      await apiFetch(`/api/v1/calendars/${encodeURIComponent(calendar.id)}`, { method: "PATCH", body: { enabled } });
      await loadEvents();
    } catch (error) {
      setCalendars((list) => list.map((c) => (c.id === calendar.id ? { ...c, enabled: !enabled } : c)));
      notify({
        kind: "error",
        text: `${calendar.name} could not be ${enabled ? "shown" : "hidden"}: ${describeError(error)}`,
      });
    }
  }

  async function confirmDeletions(calendar: CalendarItem) {
    try {
      await apiFetch(`/api/v1/calendars/${encodeURIComponent(calendar.id)}/confirm-deletions`, { method: "POST" });
      notify({ text: `Held deletions applied to ${calendar.name}.` });
    } catch (error) {
      notify({ kind: "error", text: describeError(error) });
    }
    await data.reload();
    await loadEvents();
  }

  function defaultCalendarId(): string | null {
    return (writable.find((c) => c.enabled) ?? writable[0])?.id ?? null;
  }

  function openCreate(params: { start: string; end: string; allDay: boolean }) {
    const calendarId = defaultCalendarId();
    if (!calendarId) {
      notify({ kind: "error", text: "Connect an account with a writable calendar first (Accounts)." });
      return;
    }
    setEditor({ mode: "create", draft: draftForNewEvent({ ...params, timeZone, calendarId }) });
  }

  function onSelectRange(info: DateSelectInfo) {
    calendarRef.current?.getApi().unselect();
    openCreate({
      start: calendarStringToInstant({ value: info.startStr, timeZone }),
      end: calendarStringToInstant({ value: info.endStr, timeZone }),
      allDay: info.allDay,
    });
  }

  function openNewEventButton() {
    const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
    openCreate({ start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString(), allDay: false });
  }

  async function openOccurrence(id: string) {
    const occurrence = occurrences.find((o) => o.id === id);
    if (!occurrence) return;
    let recurrence = occurrence.recurrence ?? null;
    if (occurrence.recurringEventId && !recurrence) {
      try {
        const master = await apiFetch<{ recurrence?: string[] }>(
          `/api/v1/events/${encodeURIComponent(occurrence.eventId)}`,
        );
        recurrence = master.recurrence ?? null;
      } catch {
        recurrence = null;
      }
    }
    setEditor({
      mode: "edit",
      occurrence: { ...occurrence, recurrence },
      draft: draftFromOccurrence({ occurrence, recurrence, fallbackTimeZone: timeZone }),
    });
  }

  async function createEvent(draft: EventDraft) {
    const fields = fieldsFromDraft(draft);
    const temporary: Occurrence = {
      id: `new-${Date.now()}`,
      eventId: "",
      calendarId: draft.calendarId,
      ...fields,
      recurrence: fields.recurrence,
      status: "confirmed",
      syncState: "pending",
      readOnly: true,
      etag: null,
    };
    setOccurrences((list) => [...list, temporary]);
    setEditor(null);
    try {
      await apiFetch("/api/v1/events", {
        method: "POST",
        body: {
          calendarId: draft.calendarId,
          ...fields,
          recurrence: fields.recurrence.length ? fields.recurrence : undefined,
        },
      });
    } catch (error) {
      notify({ kind: "error", text: refusalMessage(error, "The new event") });
    }
    await loadEvents();
  }

  async function saveEdit(state: Extract<EditorState, { mode: "edit" }>, draft: EventDraft) {
    const { occurrence } = state;
    const before = fieldsFromDraft(state.draft);
    const after = fieldsFromDraft(draft);
    const changes = changedFields(before, after);
    const moving = draft.calendarId !== occurrence.calendarId;
    if (Object.keys(changes).length === 0 && !moving) {
      setEditor(null);
      return;
    }
    let scope: EditScope | null = "this";
    if (Object.keys(changes).length > 0 && isRecurring(occurrence)) {
      scope = await askScope("change", changes.recurrence === undefined);
      if (!scope) return;
    }
    setEditor(null);
    const previous = occurrence;
    const undoText = `Changed “${after.title || "(no title)"}”.`;
    const undoFields = { previous: pickFields(before, Object.keys(changes)), applied: changes };
    let patched: { etag?: string } | undefined;
    if (Object.keys(changes).length > 0) {
      if (scope === "this")
        replaceOccurrence(occurrence.id, { ...changes, syncState: "pending" } as Partial<Occurrence>);
      try {
        const suffix = isRecurring(occurrence) ? `?scope=${scope}` : "";
        patched = await writeEvent(occurrence, (headers) =>
          apiFetch<{ etag?: string }>(`/api/v1/events/${encodeURIComponent(occurrence.id)}${suffix}`, {
            method: "PATCH",
            body: changes,
            headers,
          }),
        );
        if (!moving && patched?.etag && scope && canUndoEdit({ scope, changes, isRecurring: isRecurring(occurrence) }))
          undo.record(
            undoFieldChange({
              text: undoText,
              occurrence,
              scopeSuffix: suffix,
              ...undoFields,
              etag: patched.etag,
              isRecurring: isRecurring(occurrence),
            }),
          );
      } catch (error) {
        replaceOccurrence(occurrence.id, previous);
        notify({ kind: "error", text: refusalMessage(error, "Your change") });
        await loadEvents();
        return;
      }
    }
    if (moving) {
      try {
        const moved = await writeEvent(occurrence, () =>
          apiFetch<{ id: string; calendarId: string; etag?: string }>(
            `/api/v1/events/${encodeURIComponent(occurrence.eventId)}/move`,
            { method: "POST", body: { calendarId: draft.calendarId } },
          ),
        );
        const target = calendars.find((c) => c.id === draft.calendarId);
        undo.record(
          undoCalendarMove({
            text: `Moved “${after.title || "(no title)"}” to ${target?.name ?? "the other calendar"}.`,
            moved,
            fromCalendarId: occurrence.calendarId,
            ...(patched ? undoFields : { previous: {}, applied: {} }),
          }),
        );
      } catch (error) {
        notify({ kind: "error", text: `The event was not moved: ${describeError(error)}` });
      }
    }
    await loadEvents();
  }

  async function deleteOccurrence(occurrence: Occurrence) {
    let scope: EditScope | null = "this";
    if (isRecurring(occurrence)) {
      scope = await askScope("delete");
      if (!scope) return;
    }
    setEditor(null);
    const snapshot = occurrences;
    setOccurrences((list) =>
      list.filter((o) =>
        scope === "this"
          ? o.id !== occurrence.id
          : o.eventId !== occurrence.eventId || (scope === "following" && o.start < occurrence.start),
      ),
    );
    try {
      const suffix = isRecurring(occurrence) ? `?scope=${scope}` : "";
      await writeEvent(occurrence, (headers) =>
        apiFetch(`/api/v1/events/${encodeURIComponent(occurrence.id)}${suffix}`, { method: "DELETE", headers }),
      );
      const text = `Deleted “${occurrence.title || "(no title)"}”.`;
      // A whole event goes to the Trash; one occurrence (or the rest of a series) is an edit.
      if (!isRecurring(occurrence) || scope === "all") undo.record(undoDelete({ text, eventId: occurrence.eventId }));
      else notify({ text });
    } catch (error) {
      setOccurrences(() => snapshot);
      notify({ kind: "error", text: `The event was not deleted: ${describeError(error)}` });
    }
    await loadEvents();
  }

  async function moveByDrag(info: EventDropInfo | EventResizeDoneInfo) {
    const occurrence = info.event.extendedProps.occurrence as Occurrence | undefined;
    if (!occurrence || occurrence.readOnly) {
      info.revert();
      return;
    }
    let scope: EditScope | null = "this";
    if (isRecurring(occurrence)) {
      scope = await askScope("change");
      if (!scope) {
        info.revert();
        return;
      }
    }
    const allDay = info.event.allDay;
    // A floating event moves in floating wall time, not in the display zone.
    const zone = occurrence.timeZone === FLOATING && !allDay ? FLOATING : timeZone;
    const start = calendarStringToInstant({ value: info.event.startStr, timeZone: zone });
    const end = info.event.endStr
      ? calendarStringToInstant({ value: info.event.endStr, timeZone: zone })
      : allDay
        ? new Date(Date.parse(start) + dayMs).toISOString().slice(0, 10)
        : new Date(Date.parse(start) + 3_600_000).toISOString();
    const changes: Partial<Occurrence> = { start, end, allDay };
    replaceOccurrence(occurrence.id, { ...changes, syncState: "pending" });
    try {
      const suffix = isRecurring(occurrence) ? `?scope=${scope}` : "";
      const body = {
        start,
        end,
        allDay,
        ...(allDay !== occurrence.allDay ? { timeZone: occurrence.timeZone ?? timeZone } : {}),
      };
      const written = await writeEvent(occurrence, (headers) =>
        apiFetch<{ etag?: string }>(`/api/v1/events/${encodeURIComponent(occurrence.id)}${suffix}`, {
          method: "PATCH",
          body,
          headers,
        }),
      );
      if (written?.etag && scope && canUndoEdit({ scope, changes: body, isRecurring: isRecurring(occurrence) }))
        undo.record(
          undoFieldChange({
            text: `${"delta" in info ? "Moved" : "Resized"} “${occurrence.title || "(no title)"}”.`,
            occurrence,
            scopeSuffix: suffix,
            previous: pickFields(occurrence, Object.keys(body)),
            applied: body,
            etag: written.etag,
            isRecurring: isRecurring(occurrence),
          }),
        );
    } catch (error) {
      info.revert();
      replaceOccurrence(occurrence.id, occurrence);
      notify({ kind: "error", text: refusalMessage(error, "The move") });
    }
    await loadEvents();
  }

  const hasConnections = data.connections.length > 0;
  return (
    <div className="calendar-layout">
      <div className="calendar-actions">
        <button
          type="button"
          className="sidebar-toggle"
          aria-expanded={sidebarOpen}
          aria-controls="calendar-sidebar"
          onClick={() => setSidebarOpen((open) => !open)}
        >
          Calendars
        </button>
        <NewEventButton
          loaded={data.loaded}
          hasConnections={hasConnections}
          calendars={calendars}
          onClick={openNewEventButton}
        />
      </div>
      <CalendarSidebar
        connections={data.connections}
        calendars={calendars}
        loaded={data.loaded}
        timeZone={timeZone}
        syncing={syncing}
        open={sidebarOpen}
        onTimeZoneChange={setTimeZone}
        onGoToDate={(date) => calendarRef.current?.getApi().gotoDate(date)}
        onToggleCalendar={toggleCalendar}
        onSyncNow={syncNow}
        onConfirmDeletions={confirmDeletions}
      />
      <main className="calendar-main" aria-label="Calendar">
        {data.loadError && (
          <p role="alert" className="banner banner-warn">
            {data.loadError}
          </p>
        )}
        {data.loaded && !hasConnections && !data.loadError && (
          <p className="banner">
            No accounts yet — <a href="/settings/accounts">connect one</a> to see your events here.
          </p>
        )}
        <div className="calendar-frame" data-testid="calendar-frame">
          <CalendarView
            calendarRef={calendarRef}
            occurrences={visibleOccurrences}
            calendars={calendars}
            timeZone={timeZone}
            initialView={position.view}
            initialDate={position.date}
            onRangeChange={({ start, end }) =>
              setRange((old) =>
                old && old.start.getTime() === start.getTime() && old.end.getTime() === end.getTime()
                  ? old
                  : { start, end },
              )
            }
            onSelectRange={onSelectRange}
            onOpenOccurrence={(id) => void openOccurrence(id)}
            onMoveOccurrence={(info) => void moveByDrag(info)}
          />
        </div>
      </main>
      {editor && (
        <EventEditor
          key={editor.mode === "edit" ? editor.occurrence.id : "new"}
          mode={editor.mode}
          initial={editor.draft}
          occurrence={editor.mode === "edit" ? editor.occurrence : undefined}
          calendars={calendars}
          busy={busy}
          onClose={() => setEditor(null)}
          onSave={(draft) => {
            setBusy(true);
            const work = editor.mode === "create" ? createEvent(draft) : saveEdit(editor, draft);
            void work.finally(() => setBusy(false));
          }}
          onDelete={editor.mode === "edit" ? () => void deleteOccurrence(editor.occurrence) : undefined}
          onOpenConflict={
            editor.mode === "edit"
              ? () => {
                  if (openForEvent(editor.occurrence.eventId)) setEditor(null);
                  else notify({ kind: "error", text: "The conflict is still being prepared; try again in a moment." });
                }
              : undefined
          }
        />
      )}
      <UndoToast toast={undo.toast} onUndo={() => void undo.undoLast()} onDismiss={undo.dismiss} />
      {scopeQuestion && (
        <ScopePrompt
          action={scopeQuestion.action}
          allowThis={scopeQuestion.allowThis}
          onChoose={(scope) => scopeQuestion.answer(scope)}
          onCancel={() => scopeQuestion.answer(null)}
        />
      )}
    </div>
  );
}
