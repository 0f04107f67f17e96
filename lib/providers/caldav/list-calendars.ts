/**
 * Discovery through tsdav (well-known -> principal -> calendar home, RFC 6764 / RFC 4791 §6)
 * and one PROPFIND Depth 1 on the home for the calendars. Only VEVENT collections are kept;
 * current-user-privilege-set (RFC 3744 §5.4) decides read-only; supported-report-set decides
 * sync-collection support, read whether or not the server wraps each entry in DAV:report
 * (Xandikos 0.2 does not; tsdav's own parser then sees no reports).
 */
import { createAccount, fetchCalendars } from "tsdav";
import { AppError } from "../../errors/app-error.ts";
import { NotCalDav, ProviderError } from "../errors.ts";
import type { RemoteCalendar } from "../types.ts";
import type { DavTransport, RequestCounter } from "./dav-transport.ts";
import type { HostPolicy } from "./host-policy.ts";
import { normaliseHref } from "./normalise-href.ts";

/** `#RRGGBBAA` (Apple) -> `#RRGGBB` (owncloud/calendar#358); anything else unparsed is dropped. */
export function normaliseCalendarColor(value: unknown): string | undefined {
  const text = textOf(value)?.trim();
  if (!text) return undefined;
  const match = /^#?([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(text);
  return match ? `#${match[1]!.toUpperCase()}` : undefined;
}

/** True unless the privilege set exists and grants no write (RFC 3744: all > write > write-content). */
export function isWritableBy(privilegeSet: unknown): boolean {
  if (privilegeSet === undefined || privilegeSet === null || privilegeSet === "") return true;
  const privileges = (privilegeSet as { privilege?: unknown }).privilege;
  const list = Array.isArray(privileges) ? privileges : privileges ? [privileges] : [];
  return list.some(
    (p) => p && typeof p === "object" && Object.keys(p).some((k) => ["all", "write", "writeContent"].includes(k)),
  );
}

function containsKey(value: unknown, key: string): boolean {
  if (!value || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some((v) => containsKey(v, key));
  return Object.entries(value).some(([k, v]) => k === key || containsKey(v, key));
}

function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  const record = value as { _text?: unknown; _cdata?: unknown };
  if (record._text !== undefined) return String(record._text);
  if (record._cdata !== undefined) return String(record._cdata);
  return undefined;
}

export async function listCaldavCalendars(params: {
  transport: DavTransport;
  hostPolicy: HostPolicy;
  serverUrl: string;
  counter?: RequestCounter;
}): Promise<RemoteCalendar[]> {
  // tsdav tries several root URLs and throws only the last failure, so a refusal by the
  // outbound guard (a well-known redirect to a private address) is kept here to be reported.
  const refusals: AppError[] = [];
  const transportFetch = params.transport.fetchForTsdav(params.counter);
  const fetch = (async (input, init) => {
    try {
      return await transportFetch(input, init);
    } catch (error) {
      if (error instanceof AppError) refusals.push(error);
      throw error;
    }
  }) as typeof globalThis.fetch;
  let calendars;
  try {
    const account = await createAccount({
      account: { serverUrl: params.serverUrl, accountType: "caldav" },
      headers: {},
      fetch,
    });
    calendars = await fetchCalendars({
      account,
      headers: {},
      fetch,
      props: {
        "d:displayname": {},
        "ca:calendar-color": {},
        "c:calendar-timezone": {},
        "cs:getctag": {},
        "d:sync-token": {},
        "d:resourcetype": {},
        "c:supported-calendar-component-set": {},
        "d:current-user-privilege-set": {},
        "d:supported-report-set": {},
      },
      projectedProps: { currentUserPrivilegeSet: true, supportedReportSet: true },
    });
  } catch (error) {
    // Typed errors, and the outbound guard's host_not_allowed, pass unchanged.
    if (error instanceof ProviderError || error instanceof AppError) throw error;
    if (refusals[0]) throw refusals[0];
    // tsdav throws plain Errors ("cannot find homeUrl"): the server is not a usable CalDAV server.
    throw new NotCalDav(`CalDAV discovery failed at ${new URL(params.serverUrl).host}`);
  }
  const result: RemoteCalendar[] = [];
  for (const calendar of calendars) {
    const components = calendar.components ?? [];
    if (components.length > 0 && !components.includes("VEVENT")) continue;
    const url = new URL(calendar.url);
    if (!params.hostPolicy.isAllowed(url)) continue;
    const projected = (calendar.projectedProps ?? {}) as Record<string, unknown>;
    const tzid = /TZID:([^\r\n]+)/.exec(textOf(calendar.timezone) ?? "")?.[1]?.trim();
    result.push({
      remoteId: normaliseHref({ href: calendar.url, base: calendar.url }),
      remoteUrl: calendar.url,
      name:
        textOf(calendar.displayName) || decodeURIComponent(url.pathname.split("/").filter(Boolean).pop() ?? "Calendar"),
      color: normaliseCalendarColor(calendar.calendarColor),
      timeZone: tzid || undefined,
      readOnly: !isWritableBy(projected.currentUserPrivilegeSet),
      supportsSyncCollection:
        (calendar.reports ?? []).includes("syncCollection") ||
        containsKey(projected.supportedReportSet, "syncCollection"),
    });
  }
  return result;
}
