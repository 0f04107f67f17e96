/**
 * Wall-clock <-> UTC conversion for IANA zones through Intl (the fake has no tz database of its
 * own). A "wall" value is a millisecond count that reads the local time as if it were UTC.
 */
// Building an Intl.DateTimeFormat costs far more than using one: one per zone, reused.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function zoneOffsetMs(timeZone: string, utcMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

export function wallToUtc(wallMs: number, timeZone: string): number {
  const guess = wallMs - zoneOffsetMs(timeZone, wallMs);
  return wallMs - zoneOffsetMs(timeZone, guess);
}

export function utcToWall(utcMs: number, timeZone: string): number {
  return utcMs + zoneOffsetMs(timeZone, utcMs);
}

/** `YYYYMMDDTHHMMSSZ` for instance ids (Google's `{masterId}_{stamp}` form). */
export function formatUtcStamp(utcMs: number): string {
  return new Date(utcMs)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** RFC 3339 with a numeric offset, as Google writes `dateTime`. */
export function formatDateTime(utcMs: number, timeZone?: string): string {
  if (!timeZone) return new Date(utcMs).toISOString().replace(/\.\d{3}Z$/, "Z");
  const offset = zoneOffsetMs(timeZone, utcMs);
  const wall = new Date(utcMs + offset).toISOString().slice(0, 19);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset) / 60000;
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${wall}${sign}${hh}:${mm}`;
}
