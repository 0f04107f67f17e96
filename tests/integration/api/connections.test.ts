/**
 * POST/GET/DELETE /api/v1/connections through the route handlers, against a real Radicale:
 * credentials and discovery are checked before anything is stored, and each failure answers
 * the docs/api.md 422 code with a sentence a person can act on.
 */
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as connectionsRoute from "../../../app/api/v1/connections/route.ts";
import * as connectionRoute from "../../../app/api/v1/connections/[id]/route.ts";
import { db } from "../../../lib/db/client.ts";
import { connectCaldavAccount } from "../../../lib/connections/connect-caldav-account.ts";
import { createCaldavProvider } from "../../../lib/providers/caldav.ts";
import { setEmbeddedInbox } from "../../../lib/queue/embedded-inbox.ts";
import type { ConcordEvent } from "../../../lib/queue/events.ts";
import { allowPrivateHost } from "../../helpers/allow-private-host.ts";
import { callRoute, createUserWithToken } from "../../helpers/api.ts";
import { findFreePort } from "../../helpers/caldav-client.ts";
import { simpleEvent, startCaldavTarget, type CaldavTarget } from "../../helpers/caldav-servers.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";

describe("connections API on Radicale", () => {
  let testDb: TestDb;
  let target: CaldavTarget;
  let htmlServer: Server;
  let htmlUrl: string;
  const queued: ConcordEvent[] = [];
  const savedKey = process.env.CONCORD_ENCRYPTION_KEY;

  beforeAll(async () => {
    process.env.CONCORD_ENCRYPTION_KEY = randomBytes(32).toString("hex");
    testDb = await createTestDb("postgres");
    target = await startCaldavTarget("radicale");
    await target.addCalendar({ name: "home", displayName: "Home", color: "#33669980" });
    await target.addCalendar({ name: "tasks", displayName: "Tasks", components: ["VTODO"] });
    await target.putAsOtherClient({ name: "standup.ics", ical: simpleEvent({ uid: "standup", summary: "Standup" }) });
    // An ordinary web server: answers every request with a 200 HTML page.
    htmlServer = createServer((_, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<html><body>Welcome</body></html>");
    });
    await new Promise<void>((resolve) => htmlServer.listen(0, "127.0.0.1", resolve));
    const address = htmlServer.address();
    htmlUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
    allowPrivateHost(new URL(htmlUrl).host);
    setEmbeddedInbox({ enqueue: (event) => queued.push(event) });
  });
  afterAll(async () => {
    setEmbeddedInbox(undefined);
    await new Promise<void>((resolve) => htmlServer?.close(() => resolve()));
    await target?.stop();
    await testDb?.close();
    process.env.CONCORD_ENCRYPTION_KEY = savedKey;
  });

  const connect = (token: string, body: unknown) =>
    callRoute(connectionsRoute.POST, { method: "POST", path: "/api/v1/connections", token, body });

  it("connects a CalDAV account: 201 with its event calendars, encrypted credentials, initial sync queued", async () => {
    const { token, userId } = await createUserWithToken("connect");
    const response = await connect(token, {
      provider: "caldav",
      serverUrl: target.serverUrl,
      username: target.username,
      password: target.password,
    });
    expect(response.status).toBe(201);
    expect(response.body.connection).toMatchObject({
      provider: "caldav",
      accountName: "alice",
      serverUrl: target.serverUrl,
      status: "active",
      lastError: null,
    });
    expect(JSON.stringify(response.body)).not.toContain(target.password);
    const calendars = response.body.calendars as { name: string; color: string | null; readOnly: boolean }[];
    expect(calendars.map((c) => c.name).sort()).toEqual(["Home", "Work"]);
    expect(calendars.find((c) => c.name === "Home")).toMatchObject({
      color: "#336699",
      readOnly: false,
      enabled: true,
      syncState: "ok",
      provider: "caldav",
    });

    const stored = await db().connection.findFirstOrThrow({ where: { userId } });
    expect(stored.credentials).not.toContain(target.password);
    expect(stored.credentials.startsWith("v2.")).toBe(true);
    expect(queued).toContainEqual({
      name: "concord/connection.initial-sync",
      data: { connectionId: response.body.connection.id },
    });
  });

  it("answers 422 invalid_credentials for a wrong password and stores nothing", async () => {
    const { token, userId } = await createUserWithToken("wrong-password");
    const response = await connect(token, {
      provider: "caldav",
      serverUrl: target.serverUrl,
      username: target.username,
      password: "not-the-password",
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("invalid_credentials");
    expect(response.body.error.message).toMatch(/refused this username and password/);
    expect(response.body.error.message).not.toContain("not-the-password");
    expect(await db().connection.count({ where: { userId } })).toBe(0);
  });

  it("answers 422 server_unreachable when nothing listens at the address", async () => {
    const { token } = await createUserWithToken("unreachable");
    const port = await findFreePort();
    // Allowed, so the answer is about the closed port, not about the private address.
    allowPrivateHost(`127.0.0.1:${port}`);
    const response = await connect(token, {
      provider: "caldav",
      serverUrl: `http://127.0.0.1:${port}/`,
      username: "alice",
      password: "x",
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("server_unreachable");
    expect(response.body.error.message).toMatch(/Could not reach 127\.0\.0\.1/);
  });

  it("answers 422 not_caldav for an ordinary web server", async () => {
    const { token } = await createUserWithToken("not-caldav");
    const response = await connect(token, { provider: "caldav", serverUrl: htmlUrl, username: "alice", password: "x" });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("not_caldav");
  });

  it.each([
    {
      name: "a non-http address",
      body: { provider: "caldav", serverUrl: "ftp://example.com/", username: "a", password: "b" },
    },
    { name: "a missing server address", body: { provider: "caldav", username: "a", password: "b" } },
    { name: "an unknown provider", body: { provider: "exchange", username: "a", password: "b" } },
    { name: "an empty password", body: { provider: "icloud", username: "a", password: "" } },
  ])("answers 422 validation_failed for $name", async ({ body }) => {
    const { token } = await createUserWithToken("invalid");
    const response = await connect(token, body);
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("validation_failed");
  });

  it("tells iCloud users about app-specific passwords when Apple refuses the sign-in", async () => {
    const { userId } = await createUserWithToken("icloud");
    const attempt = connectCaldavAccount({
      userId,
      input: { provider: "icloud", username: "someone@icloud.com", password: "apple-id-password" },
      // Apple's server is out of reach here; Radicale refuses the sign-in the same way (401).
      createProvider: ({ username, password }) =>
        createCaldavProvider({ serverUrl: target.serverUrl, username, password, name: "icloud" }),
    });
    await expect(attempt).rejects.toMatchObject({ code: "invalid_credentials" });
    await expect(attempt).rejects.toThrow(/app-specific password/);
    expect(await db().connection.count({ where: { userId } })).toBe(0);
  });

  it("lists only the caller's connections and deletes one locally, leaving the server untouched", async () => {
    const owner = await createUserWithToken("owner");
    const other = await createUserWithToken("other");
    const created = await connect(owner.token, {
      provider: "caldav",
      serverUrl: target.serverUrl,
      username: target.username,
      password: target.password,
    });
    const id = created.body.connection.id as string;

    const listed = await callRoute(connectionsRoute.GET, { token: owner.token });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([created.body.connection]);
    expect(JSON.stringify(listed.body)).not.toMatch(/credentials|password/i);
    expect((await callRoute(connectionsRoute.GET, { token: other.token })).body.items).toEqual([]);
    expect((await callRoute(connectionsRoute.GET, {})).status).toBe(401);

    const foreign = await callRoute(connectionRoute.DELETE, { method: "DELETE", token: other.token, params: { id } });
    expect(foreign.status).toBe(404);

    const deleted = await callRoute(connectionRoute.DELETE, { method: "DELETE", token: owner.token, params: { id } });
    expect(deleted.status).toBe(204);
    expect(await db().connection.count({ where: { id } })).toBe(0);
    expect(await db().calendar.count({ where: { connectionId: id } })).toBe(0);
    const remote = await fetch(`${target.calendarUrl}standup.ics`, {
      headers: { Authorization: `Basic ${Buffer.from("alice:alice-password").toString("base64")}` },
    });
    expect(remote.status).toBe(200);
    await remote.arrayBuffer();
  });

  it("reconnecting the same account keeps its calendars and clears NEEDS_REAUTH", async () => {
    const { token, userId } = await createUserWithToken("reconnect");
    const body = {
      provider: "caldav",
      serverUrl: target.serverUrl,
      username: target.username,
      password: target.password,
    };
    const first = await connect(token, body);
    await db().connection.update({
      where: { id: first.body.connection.id },
      data: { status: "NEEDS_REAUTH", lastError: "refused" },
    });
    const second = await connect(token, body);
    expect(second.status).toBe(201);
    expect(second.body.connection).toMatchObject({ id: first.body.connection.id, status: "active", lastError: null });
    expect(second.body.calendars.map((c: { id: string }) => c.id).sort()).toEqual(
      first.body.calendars.map((c: { id: string }) => c.id).sort(),
    );
    expect(await db().connection.count({ where: { userId } })).toBe(1);
  });
});
