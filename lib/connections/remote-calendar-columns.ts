import type { RemoteCalendar } from "../providers/types.ts";

/**
 * The Calendar columns that mirror the remote's description of a calendar. Local overrides
 * (`name`, `color`, `enabled`) are separate columns and never written from here, so a rename
 * or recolour on the server never undoes the person's own choice.
 */
export function remoteCalendarColumns(calendar: RemoteCalendar) {
  return {
    remoteUrl: calendar.remoteUrl ?? null,
    remoteName: calendar.name,
    // Apple sends #RRGGBBAA; the API shows #RRGGBB (docs/design.md, "iCloud").
    remoteColor: calendar.color ? calendar.color.slice(0, 7).toUpperCase() : null,
    timeZone: calendar.timeZone ?? null,
    readOnly: calendar.readOnly,
    supportsSyncCollection: calendar.supportsSyncCollection ?? null,
  };
}
