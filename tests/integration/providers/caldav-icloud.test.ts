/**
 * The iCloud preset against a real Radicale standing in for caldav.icloud.com: requests to
 * `https://*.icloud.com` are routed to the local server by an injected fetch, so the preset's
 * own rules run for real: credentials only for *.icloud.com (partition hosts included), 503
 * backoff, DTEND always written, colours without alpha.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForeignHostRefused } from "../../../lib/providers/caldav/host-policy.ts";
import { RateLimited } from "../../../lib/providers/errors.ts";
import { createIcloudProvider, ICLOUD_SERVER_URL } from "../../../lib/providers/icloud.ts";
import type { CalendarRef } from "../../../lib/providers/types.ts";
import { startCaldavProxy, type CaldavProxy } from "../../helpers/caldav-proxy.ts";
import { simpleEvent, startCaldavTarget, type CaldavTarget } from "../../helpers/caldav-servers.ts";

describe("iCloud preset", () => {
  let target: CaldavTarget;
  let proxy: CaldavProxy;
  const hostsSeen: string[] = [];

  /** Routes https://<anything>.icloud.com/... to the local proxy; other hosts fail loudly. */
  const icloudFetch: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    hostsSeen.push(url.host);
    if (!url.hostname.endsWith("icloud.com")) return Promise.reject(new TypeError("fetch failed"));
    return fetch(`${proxy.url.replace(/\/$/, "")}${url.pathname}${url.search}`, init);
  };

  const provider = (extra: { minBackoffMs?: number } = {}) =>
    createIcloudProvider({
      username: target.username,
      password: target.password,
      fetch: icloudFetch,
      throttleRetry: { maxRetries: 2, minBackoffMs: extra.minBackoffMs ?? 5 },
    });

  beforeAll(async () => {
    target = await startCaldavTarget("radicale");
    proxy = await startCaldavProxy({ target: target.serverUrl });
    await target.addCalendar({ name: "home", displayName: "Home", color: "#34C759FF" });
  });
  afterAll(async () => {
    await proxy?.stop();
    await target?.stop();
  });

  it("discovers calendars at caldav.icloud.com with colours stripped of alpha", async () => {
    const icloud = provider();
    expect(icloud.name).toBe("icloud");
    const calendars = await icloud.listCalendars();
    const home = calendars.find((c) => c.name === "Home");
    expect(home?.color).toBe("#34C759");
    expect(home?.remoteUrl).toBe(`${ICLOUD_SERVER_URL}alice/home/`);
    expect(new Set(hostsSeen)).toEqual(new Set(["caldav.icloud.com"]));
  });

  it("follows a calendar on a partition host but refuses any other host", async () => {
    const icloud = provider();
    const partition: CalendarRef = { remoteId: "/alice/home/", remoteUrl: "https://p42-caldav.icloud.com/alice/home/" };
    const result = await icloud.pull({ calendar: partition, cursor: null });
    expect(result.isFullListing).toBe(true);
    expect(hostsSeen).toContain("p42-caldav.icloud.com");

    hostsSeen.length = 0;
    const elsewhere: CalendarRef = { remoteId: "/alice/home/", remoteUrl: "https://calendar.example.com/alice/home/" };
    await expect(icloud.pull({ calendar: elsewhere, cursor: null })).rejects.toBeInstanceOf(ForeignHostRefused);
    const plainHttp: CalendarRef = { remoteId: "/alice/home/", remoteUrl: "http://p42-caldav.icloud.com/alice/home/" };
    await expect(icloud.pull({ calendar: plainHttp, cursor: null })).rejects.toBeInstanceOf(ForeignHostRefused);
    expect(hostsSeen).toEqual([]);
  });

  it("backs off on 503 and gives up with RateLimited after its retries", async () => {
    const calendar: CalendarRef = { remoteId: "/alice/home/", remoteUrl: `${ICLOUD_SERVER_URL}alice/home/` };
    proxy.setRules([{ kind: "status", status: 503, retryAfter: "0", times: 2, match: { method: "REPORT" } }]);
    proxy.resetStats();
    const result = await provider().pull({ calendar, cursor: null });
    expect(result.isFullListing).toBe(true);
    expect(proxy.stats.methods).toEqual(["PROPFIND", "REPORT", "REPORT", "REPORT"]);

    proxy.setRules([{ kind: "status", status: 503, match: { method: "REPORT" } }]);
    const error = await provider({ minBackoffMs: 10 })
      .pull({ calendar, cursor: null })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimited);
    // Never less than the preset's own backoff after the last attempt: 10 ms x 2^2.
    expect((error as RateLimited).retryAfterMs).toBeGreaterThanOrEqual(40);
    proxy.setRules([]);
  });

  it("always writes DTEND", async () => {
    const calendar: CalendarRef = { remoteId: "/alice/home/", remoteUrl: `${ICLOUD_SERVER_URL}alice/home/` };
    const ical = simpleEvent({ uid: "icloud-no-end", start: "20260405T080000Z" }).replace(/DTEND:[^\r]*\r\n/, "");
    const created = await provider().createEvent({
      calendar,
      ical,
      uid: "icloud-no-end",
      suggestedRef: "icloud-no-end",
    });
    const stored = await provider().fetchEvent({ calendar, ref: created.ref });
    // RFC 5545 §3.6.1: a DATE-TIME start without end or duration ends when it starts.
    expect(stored?.ical).toContain("DTEND:20260405T080000Z");
  });
});
