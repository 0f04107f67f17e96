/**
 * POST /api/v1/connections as an attacker would use it: every spelling of a loopback address,
 * a redirect from an allowed server, a server that accepts and never answers, a compression
 * bomb, and credentials inside the address. A loopback listener stands in for the host's
 * private services (PostgreSQL, Redis): it must never receive a connection.
 */
import { randomBytes } from "node:crypto";
import { createServer as createHttpServer } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as connectionsRoute from "../../../app/api/v1/connections/route.ts";
import { db } from "../../../lib/db/client.ts";
import { setEmbeddedInbox } from "../../../lib/queue/embedded-inbox.ts";
import { RemoteUnavailable } from "../../../lib/providers/errors.ts";
import { pullCalendar } from "../../../lib/sync/pull-calendar.ts";
import { storeConnection } from "../../../lib/connections/store-connection.ts";
import { callRoute, createUserWithToken } from "../../helpers/api.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";

interface Listener {
  port: number;
  connections: number;
  close(): Promise<void>;
}

/** A TCP listener on 127.0.0.1 (and [::1] on the same port when the machine has IPv6). */
async function startListener(onSocket: (socket: Socket) => void = () => undefined): Promise<Listener> {
  const state = { connections: 0 };
  const sockets = new Set<Socket>();
  const accept = (socket: Socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
    onSocket(socket);
  };
  const servers: Server[] = [createServer(accept)];
  await new Promise<void>((resolve) => servers[0]!.listen(0, "127.0.0.1", resolve));
  const address = servers[0]!.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const v6 = createServer(accept);
  await new Promise<void>((resolve) => {
    v6.once("error", () => resolve());
    v6.listen(port, "::1", () => {
      servers.push(v6);
      resolve();
    });
  });
  return {
    port,
    get connections() {
      return state.connections;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}

let testDb: TestDb;
const savedEnv = { ...process.env };
const encryptionKey = randomBytes(32).toString("hex");

beforeAll(async () => {
  process.env.CONCORD_ENCRYPTION_KEY = encryptionKey;
  testDb = await createTestDb("pglite");
  setEmbeddedInbox({ enqueue: () => undefined });
});
afterEach(() => {
  // Each test sets the allow list and limits it needs, explicitly.
  process.env = { ...savedEnv, CONCORD_ENCRYPTION_KEY: encryptionKey };
});
afterAll(async () => {
  setEmbeddedInbox(undefined);
  await testDb?.close();
  process.env = savedEnv;
});

const connect = (token: string, serverUrl: string) =>
  callRoute(connectionsRoute.POST, {
    method: "POST",
    path: "/api/v1/connections",
    token,
    body: { provider: "caldav", serverUrl, username: "alice", password: "alice-password" },
  });

describe("connections API: outbound guard", () => {
  let privateService: Listener;

  beforeAll(async () => {
    privateService = await startListener();
  });
  afterAll(async () => {
    await privateService?.close();
  });

  it.each([
    ["loopback", (port: number) => `http://127.0.0.1:${port}/`],
    ["decimal", (port: number) => `http://2130706433:${port}/`],
    ["hex", (port: number) => `http://0x7f000001:${port}/`],
    ["octal", (port: number) => `http://0177.0.0.1:${port}/`],
    ["IPv6 loopback", (port: number) => `http://[::1]:${port}/`],
    ["IPv4-mapped IPv6", (port: number) => `http://[::ffff:127.0.0.1]:${port}/`],
    ["localhost", (port: number) => `http://localhost:${port}/`],
  ])("refuses the %s form with 422 host_not_allowed and never connects", async (_form, urlFor) => {
    process.env.CONCORD_ALLOW_PRIVATE_HOSTS = "";
    const { token, userId } = await createUserWithToken("ssrf");
    const response = await connect(token, urlFor(privateService.port));
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("host_not_allowed");
    expect(response.body.error.message).toContain("CONCORD_ALLOW_PRIVATE_HOSTS");
    expect(privateService.connections).toBe(0);
    expect(await db().connection.count({ where: { userId } })).toBe(0);
  });

  it("refuses a redirect from an allowed server to a private address it was not allowed to reach", async () => {
    let requests = 0;
    const bouncer = createHttpServer((_, response) => {
      requests += 1;
      response.writeHead(301, { location: `http://127.0.0.1:${privateService.port}/` });
      response.end();
    });
    await new Promise<void>((resolve) => bouncer.listen(0, "127.0.0.1", resolve));
    const address = bouncer.address();
    const bouncerPort = typeof address === "object" && address ? address.port : 0;
    try {
      process.env.CONCORD_ALLOW_PRIVATE_HOSTS = `127.0.0.1:${bouncerPort}`;
      const { token } = await createUserWithToken("redirect");
      const response = await connect(token, `http://127.0.0.1:${bouncerPort}/`);
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe("host_not_allowed");
      expect(requests).toBeGreaterThan(0);
      expect(privateService.connections).toBe(0);
    } finally {
      await new Promise((resolve) => bouncer.close(resolve));
    }
  });

  it("refuses credentials inside the server address, sends nothing, and never lists them", async () => {
    process.env.CONCORD_ALLOW_PRIVATE_HOSTS = `127.0.0.1:${privateService.port}`;
    const { token, userId } = await createUserWithToken("userinfo");
    const response = await connect(token, `http://bob:hunter22@127.0.0.1:${privateService.port}/`);
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("validation_failed");
    expect(JSON.stringify(response.body)).not.toContain("hunter22");
    expect(privateService.connections).toBe(0);
    // A connection stored before such addresses were refused is listed without them.
    await db().connection.create({
      data: {
        userId,
        provider: "CALDAV",
        serverUrl: "https://bob:hunter22@dav.example.test/dav/",
        accountName: "bob",
        credentials: "sealed",
      },
    });
    const listed = await callRoute(connectionsRoute.GET, { token, path: "/api/v1/connections" });
    expect(listed.body.items[0].serverUrl).toBe("https://dav.example.test/dav/");
    expect(JSON.stringify(listed.body)).not.toContain("hunter22");
  });
});

describe("connections API: bounded remote reads", () => {
  it("answers 422 server_unreachable, naming the host, when the server accepts and never answers", async () => {
    const tarpit = await startListener();
    try {
      process.env.CONCORD_ALLOW_PRIVATE_HOSTS = `127.0.0.1:${tarpit.port}`;
      process.env.CONCORD_HTTP_IDLE_TIMEOUT_MS = "500";
      const { token } = await createUserWithToken("tarpit");
      const response = await connect(token, `http://127.0.0.1:${tarpit.port}/`);
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe("server_unreachable");
      expect(response.body.error.message).toContain(`127.0.0.1:${tarpit.port}`);
      // Discovery gives up on the host after its first timeout instead of waiting out each request.
      expect(tarpit.connections).toBe(1);
    } finally {
      await tarpit.close();
    }
  });

  it("ends a gzip bomb as 422 server_unreachable", async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const server = await startListener((socket) =>
      socket.once("data", () => {
        socket.write(
          "HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml\r\nContent-Encoding: gzip\r\n" +
            `Connection: close\r\nContent-Length: ${bomb.length}\r\n\r\n`,
        );
        socket.end(bomb);
      }),
    );
    try {
      process.env.CONCORD_ALLOW_PRIVATE_HOSTS = `127.0.0.1:${server.port}`;
      process.env.CONCORD_HTTP_MAX_RESPONSE_BYTES = String(1024 * 1024);
      const { token } = await createUserWithToken("bomb");
      const response = await connect(token, `http://127.0.0.1:${server.port}/`);
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe("server_unreachable");
      expect(response.body.error.message).toContain("larger than 1 MiB");
    } finally {
      await server.close();
    }
  });

  it("fails a pull that meets a hung server and records the failed run", async () => {
    const tarpit = await startListener();
    try {
      process.env.CONCORD_ALLOW_PRIVATE_HOSTS = `127.0.0.1:${tarpit.port}`;
      process.env.CONCORD_HTTP_IDLE_TIMEOUT_MS = "500";
      const { userId } = await createUserWithToken("hung-pull");
      const serverUrl = `http://127.0.0.1:${tarpit.port}/`;
      const stored = await storeConnection({
        userId,
        provider: "CALDAV",
        serverUrl,
        accountName: "alice",
        credentials: { kind: "password", username: "alice", password: "alice-password" },
        calendars: [{ remoteId: "/alice/work/", remoteUrl: `${serverUrl}alice/work/`, name: "Work", readOnly: false }],
      });
      const calendarId = stored.calendars[0]!.id;
      await expect(pullCalendar({ calendarId })).rejects.toBeInstanceOf(RemoteUnavailable);
      const runs = await db().syncRun.findMany({ where: { calendarId } });
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ status: "ERROR" });
      expect(runs[0]!.error).toContain(`127.0.0.1:${tarpit.port}`);
      expect(runs[0]!.error).not.toContain("alice-password");
    } finally {
      await tarpit.close();
    }
  });
});
