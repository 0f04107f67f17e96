/**
 * Where the calendar opens: the view and date of the address (`/?view=dayGridMonth&date=
 * 2026-03-01`, for links, bookmarks and benchmarks), else the view the person last picked on
 * this device, else one that fits the screen (a week of seven columns does not fit a phone).
 */
export const viewTypes = ["dayGridMonth", "timeGridWeek", "timeGridThreeDay", "timeGridDay", "listWeek"];

/** Below this width the screen is treated as a phone (narrow toolbar, list by default). */
export const narrowQuery = "(max-width: 699px)";

const storageKey = "concord.view";

function storedView(): string | null {
  try {
    return window.localStorage.getItem(storageKey);
  } catch {
    // Storage can be refused (private modes, blocked cookies); the default then applies.
    return null;
  }
}

export function initialPosition(): { view: string; date?: string } {
  const query = new URLSearchParams(window.location.search);
  const view = query.get("view");
  const date = query.get("date");
  const remembered = storedView();
  const fallback = window.matchMedia(narrowQuery).matches ? "listWeek" : "timeGridWeek";
  return {
    view:
      view && viewTypes.includes(view) ? view : remembered && viewTypes.includes(remembered) ? remembered : fallback,
    date: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined,
  };
}

/** Keeps the view the person switched to for the next visit on this device. */
export function rememberViewChoice(viewType: string): void {
  if (!viewTypes.includes(viewType)) return;
  try {
    window.localStorage.setItem(storageKey, viewType);
  } catch {
    // Not remembered when storage is refused; nothing else depends on it.
  }
}
