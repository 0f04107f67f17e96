/**
 * Resolves a TZID as real servers write it: IANA names, Windows names (Outlook/Exchange),
 * Mozilla-prefixed names (old Thunderbird: `/mozilla.org/20070129_1/Europe/Berlin`), and
 * private ids defined only by a VTIMEZONE in the same object.
 */
import { firstProperty, parsePropertyLine, serializeContentTree, type ContentComponent } from "./content-lines.ts";
import type { Zone } from "./types.ts";
import { windowsZones } from "./windows-zones.ts";
import { ianaZone, utcZone, vtimezoneZone } from "./zones.ts";

/** Maps a TZID to an IANA name when one is recognisable, else null. */
export function ianaNameForTzid(tzid: string): string | null {
  const trimmed = tzid.trim();
  if (/^(utc|gmt|z|etc\/utc|etc\/gmt)$/i.test(trimmed)) return "UTC";
  const windows = windowsZones[trimmed];
  if (windows) return windows;
  if (ianaZone(trimmed)) return trimmed;
  // "/mozilla.org/20050126_1/Europe/Berlin", "/softwarestudio.org/Olson_20011030_5/America/New_York"
  const slashed = trimmed.match(/([A-Za-z_]+\/[A-Za-z_+\-0-9]+(?:\/[A-Za-z_+\-0-9]+)?)$/);
  if (slashed?.[1] && ianaZone(slashed[1])) return slashed[1];
  return null;
}

const MAX_CACHED_VTIMEZONES = 500;
const vtimezoneCache = new Map<string, Zone | null>();

/**
 * The zone for a TZID, or null when neither a name nor a VTIMEZONE defines it (the caller
 * reads such times as floating and flags them).
 */
export function resolveZone(tzid: string, vtimezones: Map<string, ContentComponent>): Zone | null {
  const name = ianaNameForTzid(tzid);
  if (name === "UTC") return utcZone;
  if (name) return ianaZone(name);
  const block = vtimezones.get(tzid);
  if (!block) return null;
  // Thunderbird and libical name the Olson zone of a private TZID here.
  const location = firstProperty(block, "X-LIC-LOCATION");
  const locationName = location ? ianaNameForTzid(parsePropertyLine(location.text).value) : null;
  if (locationName === "UTC") return utcZone;
  if (locationName) return ianaZone(locationName);
  const text = serializeContentTree([block]);
  const key = `${tzid}\n${text}`;
  const cached = vtimezoneCache.get(key);
  if (cached !== undefined) return cached;
  const zone = vtimezoneZone(text, tzid);
  // Outlook repeats the same private VTIMEZONE in every object: build it once.
  if (vtimezoneCache.size >= MAX_CACHED_VTIMEZONES) vtimezoneCache.clear();
  vtimezoneCache.set(key, zone);
  return zone;
}
