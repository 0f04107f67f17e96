"use client";

import { useState, type FormEvent } from "react";
import type { CalendarItem, Occurrence } from "../api/api-types.ts";
import { ModalDialog } from "../ui/modal-dialog.tsx";
import { toggleAllDay, validateDraft, type EventDraft } from "./event-draft.ts";
import { weekdayCodes, type WeekdayCode } from "./recurrence-rule.ts";
import { FLOATING, listTimeZones } from "./zoned-time.ts";

const weekdayNames: Record<WeekdayCode, string> = {
  MO: "Mon",
  TU: "Tue",
  WE: "Wed",
  TH: "Thu",
  FR: "Fri",
  SA: "Sat",
  SU: "Sun",
};

export interface EventEditorProps {
  mode: "create" | "edit";
  initial: EventDraft;
  occurrence?: Occurrence;
  calendars: CalendarItem[];
  busy: boolean;
  onSave: (draft: EventDraft) => void;
  onDelete?: () => void;
  onOpenConflict?: () => void;
  onClose: () => void;
}

/**
 * The event dialog: every field is a labelled native control, so it works by keyboard and with
 * a screen reader. A read-only calendar's event opens with every control disabled.
 */
export function EventEditor(props: EventEditorProps) {
  const [draft, setDraft] = useState<EventDraft>(props.initial);
  const [error, setError] = useState<string | null>(null);
  const calendarsById = new Map(props.calendars.map((c) => [c.id, c]));
  const current = calendarsById.get(props.initial.calendarId);
  const readOnly = Boolean(props.occurrence?.readOnly || current?.readOnly);
  const writable = props.calendars.filter((c) => !c.readOnly);
  const holders = props.occurrence?.calendarIds ?? [];
  const zones = listTimeZones();
  const update = (patch: Partial<EventDraft>) => setDraft((d) => ({ ...d, ...patch }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const problem = validateDraft(draft);
    setError(problem);
    if (!problem) props.onSave(draft);
  }

  const isRecurring = Boolean(props.occurrence?.recurringEventId || props.occurrence?.recurrence?.length);
  return (
    <ModalDialog
      title={props.mode === "create" ? "New event" : readOnly ? "Event" : "Edit event"}
      onClose={props.onClose}
      testId="event-editor"
    >
      {props.occurrence?.syncState === "conflict" && (
        <p className="banner banner-warn">
          This event was changed here and on the server at the same time.{" "}
          {props.onOpenConflict && (
            <button type="button" className="link-button" onClick={props.onOpenConflict}>
              Resolve the conflict
            </button>
          )}
        </p>
      )}
      {props.occurrence?.syncState === "pending" && (
        <p className="banner">Saved here; waiting to be sent to the server.</p>
      )}
      {readOnly && <p className="banner">This calendar is read-only: the event cannot be changed here.</p>}
      {props.occurrence?.recurrenceTooComplex && (
        <p className="banner banner-warn" data-testid="recurrence-too-complex">
          This event repeats by a rule too complex to work out, so only its first occurrence is shown. The event itself
          is kept unchanged.
        </p>
      )}
      {holders.length > 1 && (
        <div className="holders" data-testid="event-holders">
          <strong>In {holders.length} calendars:</strong>
          <ul>
            {holders.map((id) => (
              <li key={id}>{calendarsById.get(id)?.name ?? "A hidden calendar"}</li>
            ))}
          </ul>
        </div>
      )}
      <form onSubmit={onSubmit} className="editor-form" aria-label="Event details">
        <fieldset disabled={readOnly || props.busy}>
          <label className="field">
            Title
            <input
              value={draft.title}
              onChange={(e) => update({ title: e.target.value })}
              data-autofocus
              name="title"
            />
          </label>
          <label className="field-inline">
            <input
              type="checkbox"
              checked={draft.allDay}
              onChange={(e) => setDraft((d) => toggleAllDay(d, e.target.checked))}
              name="allDay"
            />
            All day
          </label>
          <div className="field-row">
            <label className="field">
              {draft.allDay ? "First day" : "Start"}
              <input
                type={draft.allDay ? "date" : "datetime-local"}
                value={draft.start}
                onChange={(e) => update({ start: e.target.value })}
                name="start"
                required
              />
            </label>
            <label className="field">
              {draft.allDay ? "Last day" : "End"}
              <input
                type={draft.allDay ? "date" : "datetime-local"}
                value={draft.end}
                onChange={(e) => update({ end: e.target.value })}
                name="end"
                required
              />
            </label>
          </div>
          {!draft.allDay && (
            <label className="field">
              Time zone
              <select value={draft.timeZone} onChange={(e) => update({ timeZone: e.target.value })} name="timeZone">
                {!zones.includes(draft.timeZone) && (
                  <option value={draft.timeZone}>
                    {draft.timeZone === FLOATING ? "Floating (same clock time in every zone)" : draft.timeZone}
                  </option>
                )}
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field">
            Location
            <input value={draft.location} onChange={(e) => update({ location: e.target.value })} name="location" />
          </label>
          <label className="field">
            Description
            <textarea
              value={draft.description}
              onChange={(e) => update({ description: e.target.value })}
              rows={3}
              name="description"
            />
          </label>
          <label className="field">
            Calendar
            <select value={draft.calendarId} onChange={(e) => update({ calendarId: e.target.value })} name="calendarId">
              {readOnly && current && <option value={current.id}>{current.name} (read-only)</option>}
              {writable.map((calendar) => (
                <option key={calendar.id} value={calendar.id}>
                  {calendar.name}
                </option>
              ))}
            </select>
          </label>
          {props.mode === "edit" && draft.calendarId !== props.initial.calendarId && (
            <p className="hint">
              Saving moves the event: it is created in the new calendar and deleted from the old one
              {props.occurrence?.hasAttendees || props.occurrence?.attendees?.length
                ? ". It has guests: they may receive a cancellation and a new invitation."
                : "."}
            </p>
          )}
          <fieldset className="recurrence">
            <legend>Repeat</legend>
            <label className="field">
              Repeats
              <select
                value={draft.repeat}
                onChange={(e) => update({ repeat: e.target.value as EventDraft["repeat"] })}
                name="repeat"
              >
                <option value="none">Does not repeat</option>
                <option value="DAILY">Daily</option>
                <option value="WEEKLY">Weekly</option>
                <option value="MONTHLY">Monthly</option>
                <option value="YEARLY">Yearly</option>
                {draft.repeat === "custom" && <option value="custom">Custom rule (kept as it is)</option>}
              </select>
            </label>
            {draft.repeat !== "none" && draft.repeat !== "custom" && (
              <>
                <label className="field">
                  Every
                  <input
                    type="number"
                    min={1}
                    max={999}
                    value={draft.interval}
                    onChange={(e) => update({ interval: Math.max(1, Number(e.target.value) || 1) })}
                    name="interval"
                  />
                </label>
                {draft.repeat === "WEEKLY" && (
                  <fieldset className="weekdays">
                    <legend>On</legend>
                    {weekdayCodes.map((day) => (
                      <label key={day} className="field-inline">
                        <input
                          type="checkbox"
                          checked={draft.weekdays.includes(day)}
                          onChange={(e) =>
                            update({
                              weekdays: e.target.checked
                                ? [...draft.weekdays, day]
                                : draft.weekdays.filter((d) => d !== day),
                            })
                          }
                        />
                        {weekdayNames[day]}
                      </label>
                    ))}
                  </fieldset>
                )}
                <label className="field">
                  Ends
                  <select
                    value={draft.endKind}
                    onChange={(e) => update({ endKind: e.target.value as EventDraft["endKind"] })}
                    name="endKind"
                  >
                    <option value="never">Never</option>
                    <option value="count">After a number of times</option>
                    <option value="until">On a day</option>
                  </select>
                </label>
                {draft.endKind === "count" && (
                  <label className="field">
                    Times
                    <input
                      type="number"
                      min={1}
                      value={draft.count}
                      onChange={(e) => update({ count: Math.max(1, Number(e.target.value) || 1) })}
                      name="count"
                    />
                  </label>
                )}
                {draft.endKind === "until" && (
                  <label className="field">
                    Last day
                    <input
                      type="date"
                      value={draft.until}
                      onChange={(e) => update({ until: e.target.value })}
                      name="until"
                    />
                  </label>
                )}
              </>
            )}
          </fieldset>
        </fieldset>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="button-row">
          {props.onDelete && !readOnly && (
            <button type="button" className="button-danger" onClick={props.onDelete} disabled={props.busy}>
              Delete{isRecurring ? "…" : ""}
            </button>
          )}
          <span className="spacer" />
          <button type="button" onClick={props.onClose}>
            {readOnly ? "Close" : "Cancel"}
          </button>
          {!readOnly && (
            <button type="submit" className="button-primary" disabled={props.busy}>
              {props.busy ? "Saving…" : "Save"}
            </button>
          )}
        </div>
      </form>
    </ModalDialog>
  );
}
