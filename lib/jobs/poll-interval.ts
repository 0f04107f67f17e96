/**
 * Minutes between CalDAV/iCloud polls: CONCORD_POLL_INTERVAL_MINUTES (1-59), default 2.
 * CalDAV has no push, so this is how quickly remote edits appear.
 */
export function pollIntervalMinutes(): number {
  const value = Number(process.env.CONCORD_POLL_INTERVAL_MINUTES ?? "");
  return Number.isInteger(value) && value >= 1 && value <= 59 ? value : 2;
}
