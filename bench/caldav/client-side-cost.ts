/**
 * The adapter's own CPU cost for a full listing, without a server: a canned 10k-event
 * Xandikos-style multistatus is served by an injected fetch and pulled three times
 * (`node bench/caldav/client-side-cost.ts`). Separates client parsing cost from server time.
 */
import { generateEvents } from "./generate-events.ts";
import { createCaldavProvider } from "../../lib/providers/caldav.ts";
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
const evs = generateEvents({ count: 10000 });
const body =
  `<ns0:multistatus xmlns:ns0="DAV:" xmlns:ns1="urn:ietf:params:xml:ns:caldav">` +
  evs
    .map(
      (e) =>
        `<ns0:response><ns0:href>/user/calendars/b/${e.name}</ns0:href><ns0:propstat><ns0:status>HTTP/1.1 200 OK</ns0:status><ns0:prop><ns0:getetag>"abcdef0123456789"</ns0:getetag><ns1:calendar-data>${esc(e.ical)}</ns1:calendar-data></ns0:prop></ns0:propstat></ns0:response>`,
    )
    .join("") +
  `</ns0:multistatus>`;
const state = `<ns0:multistatus xmlns:ns0="DAV:" xmlns:ns1="http://calendarserver.org/ns/"><ns0:response><ns0:href>/user/calendars/b/</ns0:href><ns0:propstat><ns0:status>HTTP/1.1 200 OK</ns0:status><ns0:prop><ns1:getctag>abc</ns1:getctag><ns0:sync-token>abc</ns0:sync-token></ns0:prop></ns0:propstat></ns0:response></ns0:multistatus>`;
const fake: typeof fetch = async (_input, init) =>
  new Response(init?.method === "PROPFIND" ? state : body, { status: 207, headers: { "content-type": "text/xml" } });
const p = createCaldavProvider({ serverUrl: "http://x.test/", username: "u", password: "p", fetch: fake });
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  const r = await p.pull({
    calendar: { remoteId: "/user/calendars/b/", remoteUrl: "http://x.test/user/calendars/b/" },
    cursor: null,
  });
  console.log(r.changes.length, Math.round(performance.now() - t), "ms");
}
console.log("rss MiB", Math.round(process.resourceUsage().maxRSS / 1024));
