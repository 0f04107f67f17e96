"use client";

/**
 * FullCalendar v7 (React) showing the merged occurrences. Rendered only in the browser (see
 * merged-calendar.tsx): v7 would otherwise try to fetch during server rendering (docs/stack.md).
 * Event text is rendered by React as text nodes only — a title is never parsed as HTML.
 */
import FullCalendar, { type CalendarRef, type DatesSetInfo, type DateSelectInfo } from "@fullcalendar/react";
import type { EventClickInfo, EventDisplayInfo, EventDropInfo, EventResizeDoneInfo } from "@fullcalendar/react";
import dayGridPlugin from "@fullcalendar/react/daygrid";
import interactionPlugin from "@fullcalendar/react/interaction";
import listPlugin from "@fullcalendar/react/list";
import timeGridPlugin from "@fullcalendar/react/timegrid";
import classicTheme from "@fullcalendar/react/themes/classic";
import "@fullcalendar/react/skeleton.css";
import "@fullcalendar/react/themes/classic/theme.css";
import "@fullcalendar/react/themes/classic/palette.css";
import { useMemo, useRef, type Ref } from "react";
import type { CalendarItem, Occurrence } from "../api/api-types.ts";
import { rememberViewChoice } from "./calendar-position.ts";
import { compactToolbarQuery, toolbarOptions } from "./calendar-toolbar.ts";
import { useMediaQuery } from "./use-media-query.ts";
import { gridTime } from "./zoned-time.ts";

export interface CalendarViewProps {
  calendarRef: Ref<CalendarRef>;
  occurrences: Occurrence[];
  calendars: CalendarItem[];
  timeZone: string;
  initialView: string;
  initialDate?: string;
  onRangeChange: (range: { start: Date; end: Date; viewType: string }) => void;
  onSelectRange: (info: DateSelectInfo) => void;
  onOpenOccurrence: (occurrenceId: string) => void;
  onMoveOccurrence: (info: EventDropInfo | EventResizeDoneInfo) => void;
}

const fallbackColor = "#3788d8";

/** Follows the system's light/dark setting, like app/globals.css does. */
const darkQuery = "(prefers-color-scheme: dark)";

/**
 * On touch, an event is picked up for dragging after a press this long (FullCalendar's
 * default, 1 s, feels broken); a range selection waits a little longer so a scroll that starts
 * on an empty slot is not taken for one.
 */
const eventLongPressMs = 350;
const selectLongPressMs = 600;

function EventBody({ info, calendarsById }: { info: EventDisplayInfo; calendarsById: Map<string, CalendarItem> }) {
  const occurrence = info.event.extendedProps.occurrence as Occurrence | undefined;
  if (!occurrence) {
    // The mirror drawn while a range is being selected has no occurrence behind it.
    return (
      <span className="fc-event-body">{info.timeText && <span className="event-time">{info.timeText}</span>}</span>
    );
  }
  const holders = occurrence.calendarIds && occurrence.calendarIds.length > 1 ? occurrence.calendarIds : null;
  // Week and day columns have room for the time above the title; month cells get one line.
  const minutes =
    info.event.start && info.event.end ? (info.event.end.getTime() - info.event.start.getTime()) / 60_000 : 0;
  const block = info.view.type.startsWith("timeGrid") && !info.event.allDay && minutes > 45;
  return (
    <span
      className={block ? "fc-event-body event-block" : "fc-event-body"}
      data-testid="calendar-event"
      data-occurrence-id={occurrence.id}
    >
      {occurrence.syncState === "pending" && (
        <span className="event-badge" title="Waiting to be sent to the server">
          <span aria-hidden="true">⟳</span>
          <span className="sr-only">Pending sync: </span>
        </span>
      )}
      {occurrence.syncState === "conflict" && (
        <span className="event-badge event-badge-conflict" title="Changed on both sides: needs your choice">
          <span aria-hidden="true">⚠</span>
          <span className="sr-only">Conflict: </span>
        </span>
      )}
      {occurrence.recurrenceTooComplex && (
        <span className="event-badge" title="Repeat rule too complex: only the first occurrence is shown">
          <span aria-hidden="true">↻!</span>
          <span className="sr-only">Repeat rule too complex: </span>
        </span>
      )}
      {occurrence.readOnly && <span className="sr-only">Read-only: </span>}
      {info.timeText && !info.event.allDay && <span className="event-time">{info.timeText} </span>}
      <span className="event-title">{occurrence.title || "(no title)"}</span>
      {holders && (
        <span className="event-holders" title={holders.map((id) => calendarsById.get(id)?.name ?? id).join(", ")}>
          {" "}
          <span aria-hidden="true">×{holders.length}</span>
          <span className="sr-only">in {holders.length} calendars</span>
        </span>
      )}
    </span>
  );
}

export function CalendarView({
  calendarRef,
  occurrences,
  calendars,
  timeZone,
  initialView,
  initialDate,
  onRangeChange,
  onSelectRange,
  onOpenOccurrence,
  onMoveOccurrence,
}: CalendarViewProps) {
  const dark = useMediaQuery(darkQuery);
  const compact = useMediaQuery(compactToolbarQuery);
  const toolbars = useMemo(() => toolbarOptions(compact), [compact]);
  const shownViewType = useRef<string | null>(null);
  const calendarsById = useMemo(() => new Map(calendars.map((c) => [c.id, c])), [calendars]);
  const events = useMemo(
    () =>
      occurrences.map((occurrence) => {
        const calendar = calendarsById.get(occurrence.calendarId);
        const editable = !occurrence.readOnly && !calendar?.readOnly;
        return {
          id: occurrence.id,
          title: occurrence.title,
          // A floating time shows at its wall time whatever the display zone.
          start: gridTime({ value: occurrence.start, timeZone: occurrence.timeZone, allDay: occurrence.allDay }),
          end: gridTime({ value: occurrence.end, timeZone: occurrence.timeZone, allDay: occurrence.allDay }),
          allDay: occurrence.allDay,
          color: calendar?.color || fallbackColor,
          editable,
          className: [
            occurrence.syncState !== "synced" ? `event-${occurrence.syncState}` : "",
            occurrence.status === "cancelled" ? "event-cancelled" : "",
            occurrence.status === "tentative" ? "event-tentative" : "",
          ]
            .filter(Boolean)
            .join(" "),
          extendedProps: { occurrence },
        };
      }),
    [occurrences, calendarsById],
  );
  return (
    <FullCalendar
      ref={calendarRef}
      plugins={[classicTheme, dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin]}
      initialView={initialView}
      initialDate={initialDate}
      timeZone={timeZone}
      colorScheme={dark ? "dark" : "light"}
      {...toolbars}
      height="100%"
      eventLongPressDelay={eventLongPressMs}
      selectLongPressDelay={selectLongPressMs}
      nowIndicator
      navLinks
      selectable
      selectMirror
      editable
      dayMaxEvents
      events={events}
      eventContent={(info: EventDisplayInfo) => <EventBody info={info} calendarsById={calendarsById} />}
      datesSet={(info: DatesSetInfo) => {
        // A switch of view is the person's choice; the first view shown is not.
        if (shownViewType.current && shownViewType.current !== info.view.type) rememberViewChoice(info.view.type);
        shownViewType.current = info.view.type;
        onRangeChange({ start: info.start, end: info.end, viewType: info.view.type });
      }}
      select={(info: DateSelectInfo) => onSelectRange(info)}
      eventClick={(info: EventClickInfo) => {
        info.jsEvent.preventDefault();
        onOpenOccurrence(info.event.id);
      }}
      eventDrop={(info: EventDropInfo) => onMoveOccurrence(info)}
      eventResize={(info: EventResizeDoneInfo) => onMoveOccurrence(info)}
    />
  );
}
