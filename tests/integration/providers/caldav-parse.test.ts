/**
 * The WebDAV answer reader and href identity on literal server bodies (shapes copied from
 * Radicale 3.1, Xandikos 0.2 and RFC 6578 examples); no server needed.
 */
import { describe, expect, it } from "vitest";
import { normaliseHref } from "../../../lib/providers/caldav/normalise-href.ts";
import { createHostPolicy } from "../../../lib/providers/caldav/host-policy.ts";
import { decodeEntities, parseXml } from "../../../lib/providers/caldav/parse-xml.ts";
import {
  CALDAV_NS,
  DAV_NS,
  findProp,
  hasDescendant,
  parseMultistatus,
} from "../../../lib/providers/caldav/parse-multistatus.ts";
import { parseRetryAfter } from "../../../lib/providers/caldav/classify-response.ts";

describe("parseMultistatus", () => {
  it("reads a Xandikos-style prefixed sync answer with a deleted member and the root token", () => {
    const body =
      `<ns0:multistatus xmlns:ns0="DAV:" xmlns:ns1="urn:ietf:params:xml:ns:caldav">` +
      `<ns0:response><ns0:href>/user/calendars/calendar/a.ics</ns0:href><ns0:propstat><ns0:status>HTTP/1.1 200 OK</ns0:status>` +
      `<ns0:prop><ns0:getetag>"e1"</ns0:getetag></ns0:prop></ns0:propstat>` +
      `<ns0:propstat><ns0:status>HTTP/1.1 404 Not Found</ns0:status><ns0:prop><ns1:calendar-data /></ns0:prop></ns0:propstat></ns0:response>` +
      `<ns0:response><ns0:href>/user/calendars/calendar/b.ics</ns0:href><ns0:status>HTTP/1.1 404 Not Found</ns0:status></ns0:response>` +
      `<ns0:sync-token>ad0e9db7d1c2</ns0:sync-token></ns0:multistatus>`;
    const parsed = parseMultistatus(body);
    expect(parsed.syncToken).toBe("ad0e9db7d1c2");
    expect(parsed.responses.map((r) => [r.href, r.status])).toEqual([
      ["/user/calendars/calendar/a.ics", null],
      ["/user/calendars/calendar/b.ics", 404],
    ]);
    const [first] = parsed.responses;
    expect(findProp(first!, DAV_NS, "getetag")?.text).toBe('"e1"');
    // calendar-data came back in a 404 propstat: not a value.
    expect(findProp(first!, CALDAV_NS, "calendar-data")).toBeUndefined();
  });

  it("keeps calendar-data exactly, decoding entities, CR escapes and CDATA", () => {
    const body =
      `<?xml version='1.0' encoding='utf-8'?>\n<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">` +
      `<response><href>/a/b/c%40d.ics</href><propstat><prop><getetag>W/"x&amp;y"</getetag>` +
      `<C:calendar-data>BEGIN:VCALENDAR&#13;\nSUMMARY:R&amp;D &lt;Zürich&gt; &#x1F389;&#13;\nEND:VCALENDAR&#13;\n</C:calendar-data>` +
      `</prop><status>HTTP/1.1 200 OK</status></propstat></response>` +
      `<response><href>/a/b/e.ics</href><propstat><prop><C:calendar-data><![CDATA[BEGIN:VCALENDAR\r\nX:<a>&\r\nEND:VCALENDAR\r\n]]></C:calendar-data>` +
      `</prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>`;
    const [first, second] = parseMultistatus(body).responses;
    expect(findProp(first!, DAV_NS, "getetag")?.text).toBe('W/"x&y"');
    expect(findProp(first!, CALDAV_NS, "calendar-data")?.text).toBe(
      "BEGIN:VCALENDAR\r\nSUMMARY:R&D <Zürich> 🎉\r\nEND:VCALENDAR\r\n",
    );
    expect(findProp(second!, CALDAV_NS, "calendar-data")?.text).toBe("BEGIN:VCALENDAR\r\nX:<a>&\r\nEND:VCALENDAR\r\n");
  });

  it("decodes entities and leaves unknown or unterminated ones as text", () => {
    expect(decodeEntities("a &unknown; b & c &#13;&#10;&#x41;&quot;&apos;")).toBe("a &unknown; b & c \r\nA\"'");
    expect(decodeEntities("no entities")).toBe("no entities");
    expect(decodeEntities("tail &amp")).toBe("tail &amp");
  });

  it("recognises Radicale's refused-token body as a DAV:error with valid-sync-token", () => {
    const parsed = parseMultistatus(
      `<?xml version='1.0' encoding='utf-8'?>\n<error xmlns="DAV:"><valid-sync-token /></error>`,
    );
    expect(parsed.isMultistatus).toBe(false);
    expect(parsed.error && hasDescendant(parsed.error, DAV_NS, "valid-sync-token")).toBe(true);
  });

  it("returns nothing usable for malformed or non-XML bodies", () => {
    expect(parseXml("<a><b></a>")).toBeNull();
    expect(parseXml("500 Internal Server Error\n\nServer got itself in trouble")).toBeNull();
    expect(parseXml("<p:a xmlns:q='x'/>")).toBeNull();
    expect(parseMultistatus("").isMultistatus).toBe(false);
    expect(parseMultistatus("<html><body>hi</body></html>").isMultistatus).toBe(false);
  });

  it("scopes namespace declarations to their element", () => {
    const root = parseXml(`<a xmlns="urn:one"><b xmlns="urn:two"><c/></b><d/></a>`)!;
    expect(root.ns).toBe("urn:one");
    expect(root.children.map((c) => [c.name, c.ns])).toEqual([
      ["b", "urn:two"],
      ["d", "urn:one"],
    ]);
    expect(root.children[0]!.children[0]!.ns).toBe("urn:two");
  });
});

describe("href identity and host policy", () => {
  it("normalises percent-encoding so equivalent hrefs compare equal", () => {
    const base = "https://dav.example.org/cal/";
    expect(normaliseHref({ href: "/cal/a%40b.ics", base })).toBe("/cal/a@b.ics");
    expect(normaliseHref({ href: "a@b.ics", base })).toBe("/cal/a@b.ics");
    expect(normaliseHref({ href: "/cal/odd%20name.ics", base })).toBe(
      normaliseHref({ href: "/cal/odd name.ics", base }),
    );
    expect(normaliseHref({ href: "https://dav.example.org/cal/%C3%BC.ics", base })).toBe("/cal/%C3%BC.ics");
  });

  it("allows the server's own host and the listed patterns, never a downgrade to http", () => {
    const policy = createHostPolicy({ serverUrl: "https://caldav.icloud.com/", allowedHosts: ["*.icloud.com"] });
    expect(policy.isAllowed(new URL("https://p42-caldav.icloud.com/1/calendars/x/"))).toBe(true);
    expect(policy.isAllowed(new URL("https://caldav.icloud.com/1/"))).toBe(true);
    expect(policy.isAllowed(new URL("http://p42-caldav.icloud.com/1/"))).toBe(false);
    expect(policy.isAllowed(new URL("https://icloud.com.evil.example/"))).toBe(false);
    expect(policy.isAllowed(new URL("https://evil.example/icloud.com"))).toBe(false);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("120")).toBe(120_000);
    expect(parseRetryAfter("Sun, 22 Nov 2026 03:00:30 GMT", Date.parse("2026-11-22T03:00:00Z"))).toBe(30_000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });
});
