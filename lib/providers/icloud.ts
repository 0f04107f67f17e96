/**
 * iCloud preset of the CalDAV adapter (docs/design.md "Hard-won rules"): standard discovery from
 * https://caldav.icloud.com/ with an app-specific password; calendars live on partition hosts
 * (`pNN-caldav.icloud.com`), so credentials may go to `*.icloud.com` (`*.icloud.com.cn`) and
 * nowhere else. Apple throttles with 503 and a Retry-After shorter than the real throttle:
 * wait at least 2 s x 2^attempt (keeper.sh throttle-retry.ts) within a per-account budget of 240 requests a
 * minute. iCloud rejects a VEVENT without DTEND, so one is always written. Colours arrive as
 * `#RRGGBBAA` and are stripped to `#RRGGBB` by discovery. SCHEDULE-AGENT=CLIENT on attendees
 * is the caller's job (lib/ical), as it depends on the event.
 */
import { createCaldavProvider, type CaldavProviderOptions } from "./caldav.ts";
import type { CalendarProvider } from "./types.ts";

export const ICLOUD_SERVER_URL = "https://caldav.icloud.com/";

export function createIcloudProvider(
  params: { username: string; password: string } & Partial<Omit<CaldavProviderOptions, "username" | "password">>,
): CalendarProvider {
  return createCaldavProvider({
    serverUrl: ICLOUD_SERVER_URL,
    // Accounts in mainland China use caldav.icloud.com.cn (natelindev/tsdav#238).
    allowedHosts: ["*.icloud.com", "*.icloud.com.cn"],
    throttleRetry: { maxRetries: 2, minBackoffMs: 2000 },
    requestBudget: { maxRequests: 240, perMs: 60_000 },
    requireDtend: true,
    ...params,
    name: "icloud",
  });
}
