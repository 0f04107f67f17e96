/** How long a deleted event stays restorable in the Trash (the purge job removes it after). */
export const TRASH_RETENTION_MS = 30 * 86_400_000;

/** The oldest deletion time still kept at `now`. */
export function trashCutoff(now: Date = new Date()): Date {
  return new Date(now.getTime() - TRASH_RETENTION_MS);
}
