/**
 * Calendar discovery against real Radicale and Xandikos: VEVENT collections only, colours
 * without alpha, sync-collection support (Xandikos lists reports without the DAV:report
 * wrapper), read-only marking from current-user-privilege-set, and the errors for wrong
 * passwords and servers that are not CalDAV.
 */
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaldavProvider } from "../../../lib/providers/caldav.ts";
import { isWritableBy, normaliseCalendarColor } from "../../../lib/providers/caldav/list-calendars.ts";
import { DAV_NS, findProp, hasDescendant, parseMultistatus } from "../../../lib/providers/caldav/parse-multistatus.ts";
import { AuthRevoked, NotCalDav, WriteForbidden } from "../../../lib/providers/errors.ts";
import { createRadicaleCollectionOnDisk, startRadicale, type RadicaleServer } from "../../helpers/radicale.ts";
import { caldavServerKinds, simpleEvent, startCaldavTarget, type CaldavTarget } from "../../helpers/caldav-servers.ts";
import { allowPrivateHost } from "../../helpers/allow-private-host.ts";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "fixtures", "caldav");

describe.each(caldavServerKinds)("CalDAV discovery on %s", (kind) => {
  let target: CaldavTarget;

  beforeAll(async () => {
    target = await startCaldavTarget(kind);
    await target.addCalendar({ name: "chores", components: ["VTODO"], displayName: "Chores" });
    await target.addCalendar({ name: "family", displayName: "Family", color: "#FF2968FF" });
  });
  afterAll(async () => {
    await target?.stop();
  });

  it("lists the event calendars only, writable, with sync-collection support", async () => {
    const provider = createCaldavProvider({
      serverUrl: target.serverUrl,
      username: target.username,
      password: target.password,
    });
    const calendars = await provider.listCalendars();
    const byName = new Map(calendars.map((c) => [c.name, c]));
    // Xandikos 0.2.8 ignores the component set of MKCALENDAR (and refuses to PROPPATCH it) and
    // advertises VEVENT for every calendar, so only Radicale can hold a VTODO-only collection.
    expect(byName.has("Chores")).toBe(kind === "xandikos");
    const work = byName.get("Work");
    expect(work).toMatchObject({ readOnly: false, supportsSyncCollection: true, remoteUrl: target.calendarUrl });
    expect(work?.remoteId).toBe(new URL(target.calendarUrl).pathname);
    const family = byName.get("Family");
    expect(family?.readOnly).toBe(false);
    expect(family?.color).toBe("#FF2968");
    const expected = kind === "xandikos" ? ["Chores", "Family", "Work", "calendar"] : ["Family", "Work"];
    expect(calendars.map((c) => c.name).sort()).toEqual(expected.sort());
  });
});

describe("CalDAV discovery on Radicale with rights", () => {
  let server: RadicaleServer;

  beforeAll(async () => {
    server = await startRadicale({
      users: { alice: "alice-password" },
      // Radicale's from_file rules, first match wins: alice may read but not write `shared`.
      rightsFile: [
        "[root]\nuser: .+\ncollection:\npermissions: R",
        "[principal]\nuser: .+\ncollection: {user}\npermissions: RW",
        "[shared-read-only]\nuser: alice\ncollection: alice/shared\npermissions: r",
        "[calendars]\nuser: .+\ncollection: {user}/[^/]+\npermissions: rw",
        "",
      ].join("\n\n"),
    });
    await createRadicaleCollectionOnDisk({ server, user: "alice", calendar: "own", displayName: "Own" });
    await createRadicaleCollectionOnDisk({ server, user: "alice", calendar: "shared", displayName: "Shared" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("marks a calendar the account may not write as read-only, and its writes as forbidden", async () => {
    const provider = createCaldavProvider({ serverUrl: server.url, username: "alice", password: "alice-password" });
    const calendars = await provider.listCalendars();
    const readOnly = Object.fromEntries(calendars.map((c) => [c.name, c.readOnly]));
    expect(readOnly).toEqual({ Own: false, Shared: true });
    const shared = calendars.find((c) => c.name === "Shared")!;
    await expect(
      provider.createEvent({ calendar: shared, ical: simpleEvent({ uid: "ro" }), uid: "ro", suggestedRef: "ro" }),
    ).rejects.toBeInstanceOf(WriteForbidden);
  });

  it("throws AuthRevoked for a wrong password, on discovery and on pull", async () => {
    const provider = createCaldavProvider({ serverUrl: server.url, username: "alice", password: "wrong" });
    const error = await provider.listCalendars().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthRevoked);
    expect(String((error as Error).message)).not.toContain("wrong");
    await expect(
      provider.pull({ calendar: { remoteId: "/alice/own/", remoteUrl: `${server.url}alice/own/` }, cursor: null }),
    ).rejects.toBeInstanceOf(AuthRevoked);
  });
});

describe("CalDAV discovery on a server that is not CalDAV", () => {
  let web: Server;
  let url: string;

  beforeAll(async () => {
    web = createServer((_req, res) => {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<html><body>Not here</body></html>");
    });
    await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", () => resolve()));
    const address = web.address();
    url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
    allowPrivateHost(new URL(url).host);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => web.close(() => resolve()));
  });

  it("throws NotCalDav", async () => {
    const provider = createCaldavProvider({ serverUrl: url, username: "u", password: "p" });
    await expect(provider.listCalendars()).rejects.toBeInstanceOf(NotCalDav);
  });
});

describe("CalDAV property parsing on recorded answers", () => {
  it("reads privileges: read-only unless all, write or write-content is granted", () => {
    expect(isWritableBy({ privilege: [{ read: {} }, { readFreeBusy: {} }] })).toBe(false);
    expect(isWritableBy({ privilege: { read: {} } })).toBe(false);
    expect(isWritableBy({ privilege: [{ read: {} }, { writeContent: {} }] })).toBe(true);
    expect(isWritableBy({ privilege: [{ all: {} }] })).toBe(true);
    // Servers that do not report privileges are assumed writable; a 403 on write says otherwise.
    expect(isWritableBy(undefined)).toBe(true);
  });

  it("strips the alpha of Apple colours and drops what is not a colour", () => {
    expect(normaliseCalendarColor("#FF2968FF")).toBe("#FF2968");
    expect(normaliseCalendarColor("#1badf8")).toBe("#1BADF8");
    expect(normaliseCalendarColor({ _text: "#CC73E1FF" })).toBe("#CC73E1");
    expect(normaliseCalendarColor("blue")).toBeUndefined();
    expect(normaliseCalendarColor(undefined)).toBeUndefined();
  });

  it("reads a constructed Apple-style read-only calendar answer", async () => {
    const body = await readFile(path.join(fixtures, "read-only-calendar-propfind.xml"), "utf8");
    const [response] = parseMultistatus(body).responses;
    const privileges = findProp(response!, DAV_NS, "current-user-privilege-set")!;
    expect(hasDescendant(privileges, DAV_NS, "read")).toBe(true);
    expect(hasDescendant(privileges, DAV_NS, "write")).toBe(false);
    expect(hasDescendant(findProp(response!, DAV_NS, "supported-report-set")!, DAV_NS, "sync-collection")).toBe(true);
    expect(findProp(response!, "http://apple.com/ns/ical/", "calendar-color")?.text).toBe("#FF9500FF");
  });
});
