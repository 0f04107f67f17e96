/**
 * FullCalendar's toolbars and views for the width at hand. Wide: one row (navigation, title,
 * views). Compact: the title and navigation on top, the view tabs in a footer row, and a short
 * title format, so nothing is cut off ("December 5," on a phone) and the buttons stay tappable.
 */
import type { CalendarOptions, FormatterInput } from "@fullcalendar/react";

/** Below this width the one-row toolbar no longer fits beside a week's title. */
export const compactToolbarQuery = "(max-width: 899px)";

const shortTitle: FormatterInput = { year: "numeric", month: "short", day: "numeric" };

/** Three days fit a phone's width with readable columns. */
const threeDays = { type: "timeGrid", duration: { days: 3 } };
const buttons = { timeGridThreeDay: { text: "3 days" } };
/** Our own class names on FullCalendar's toolbars (its theme's are generated), for app/globals.css. */
const headerToolbarClass = "calendar-toolbar calendar-toolbar-header";
const footerToolbarClass = "calendar-toolbar calendar-toolbar-footer";

export function toolbarOptions(
  compact: boolean,
): Pick<
  CalendarOptions,
  "headerToolbar" | "footerToolbar" | "views" | "buttons" | "headerToolbarClass" | "footerToolbarClass"
> {
  if (!compact) {
    return {
      headerToolbar: {
        start: "today prev,next",
        center: "title",
        end: "dayGridMonth,timeGridWeek,timeGridThreeDay,timeGridDay,listWeek",
      },
      footerToolbar: false,
      views: { timeGridThreeDay: threeDays },
      buttons,
      headerToolbarClass,
    };
  }
  return {
    headerToolbar: { start: "title", end: "today prev,next" },
    footerToolbar: { center: "listWeek,timeGridDay,timeGridThreeDay,timeGridWeek,dayGridMonth" },
    buttons,
    headerToolbarClass,
    footerToolbarClass,
    views: {
      timeGridThreeDay: { ...threeDays, titleFormat: shortTitle },
      timeGridDay: { titleFormat: shortTitle },
      timeGridWeek: { titleFormat: shortTitle },
      listWeek: { titleFormat: shortTitle },
    },
  };
}
