/**
 * The guarded fetch against raw loopback servers: it reads bodies whole (Radicale closes
 * after each answer), connects to the address the guard checked, follows redirects only
 * through the guard, and ends hung servers and compression bombs as RemoteReadFailed naming
 * the host.
 */
import { createServer, type Server, type Socket } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { guardedFetch, createGuardedFetch } from "../../../lib/net/guarded-fetch.ts";
import { guardedRequest } from "../../../lib/net/guarded-request.ts";
import { HostNotAllowed } from "../../../lib/net/host-not-allowed.ts";
import { RemoteReadFailed } from "../../../lib/net/remote-read-failed.ts";

interface RawServer {
  port: number;
  /** Connections accepted so far. */
  connections: number;
  requests: string[];
  close(): Promise<void>;
}

/** A raw TCP server: `answer` writes the response (or nothing, for a tarpit). */
async function startRawServer(answer: (socket: Socket, request: string) => void): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const state = { connections: 0, requests: [] as string[] };
  const server: Server = createServer((socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    socket.once("data", (data) => {
      const request = data.toString("latin1");
      state.requests.push(request);
      answer(socket, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    get connections() {
      return state.connections;
    },
    requests: state.requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function respond(socket: Socket, params: { status: string; headers?: string[]; body?: Buffer | string }): void {
  const body = typeof params.body === "string" ? Buffer.from(params.body) : params.body;
  const head = [`HTTP/1.1 ${params.status}`, "Connection: close", ...(params.headers ?? [])];
  if (body) head.push(`Content-Length: ${body.length}`);
  socket.write(head.join("\r\n") + "\r\n\r\n");
  if (body) socket.write(body);
  socket.end();
}

const big = "BEGIN:VCALENDAR\r\n" + "X-PAD:".padEnd(2_000_000, "a") + "\r\nEND:VCALENDAR\r\n";
const savedEnv = { ...process.env };
let radicaleLike: RawServer;
let base: string;

beforeAll(async () => {
  // Like Radicale: one response per connection, then FIN.
  radicaleLike = await startRawServer((socket, request) => {
    const gzip = /accept-encoding: gzip/i.test(request) && request.startsWith("REPORT");
    if (!request.startsWith("REPORT")) return respond(socket, { status: "204 No Content", headers: ['ETag: "abc"'] });
    respond(socket, {
      status: "207 Multi-Status",
      headers: ['ETag: "abc"', "Content-Type: application/xml", ...(gzip ? ["Content-Encoding: gzip"] : [])],
      body: gzip ? gzipSync(big) : big,
    });
  });
  base = `http://127.0.0.1:${radicaleLike.port}`;
});

afterEach(() => {
  process.env = { ...savedEnv };
});

afterAll(async () => {
  await radicaleLike.close();
});

const allow = (...entries: string[]) => {
  process.env.CONCORD_ALLOW_PRIVATE_HOSTS = entries.join(",");
};

describe("guardedFetch on an allowed loopback server", () => {
  it("reads a large gzipped body whole even when the caller reads it late, and decodes it", async () => {
    allow(`127.0.0.1:${radicaleLike.port}`);
    const response = await guardedFetch(`${base}/cal/`, {
      method: "REPORT",
      headers: { "Accept-Encoding": "gzip", Depth: "1" },
      body: "<x/>",
    });
    // The server has closed the connection by now; reading afterwards must still work.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(response.status).toBe(207);
    expect(response.headers.get("etag")).toBe('"abc"');
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(await response.text()).toBe(big);
    expect(radicaleLike.requests.at(-1)).toMatch(/^REPORT \/cal\/ HTTP\/1\.1/);
    expect(radicaleLike.requests.at(-1)).toMatch(/content-length: 4/i);
  });

  it("gives bodiless statuses a null body and refuses non-string bodies", async () => {
    allow(`127.0.0.1:${radicaleLike.port}`);
    const response = await guardedFetch(`${base}/cal/x.ics`, { method: "DELETE" });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    await expect(guardedFetch(`${base}/`, { method: "PUT", body: new Uint8Array([1]) })).rejects.toThrow(TypeError);
  });

  it("rejects on a refused connection", async () => {
    allow("127.0.0.1:9");
    await expect(guardedFetch("http://127.0.0.1:9/", {})).rejects.toThrow();
  });

  it("connects to the address the guard checked, never to a second DNS answer", async () => {
    // calendar.invalid cannot resolve through DNS: the request only works through the stub's answer.
    allow(`calendar.invalid:${radicaleLike.port}`);
    const resolved: string[] = [];
    const stubbed = createGuardedFetch({
      resolve: async (hostname) => {
        resolved.push(hostname);
        return [{ address: "127.0.0.1", family: 4 }];
      },
    });
    const before = radicaleLike.connections;
    const response = await stubbed(`http://calendar.invalid:${radicaleLike.port}/x.ics`, { method: "DELETE" });
    expect(response.status).toBe(204);
    expect(resolved).toEqual(["calendar.invalid"]);
    expect(radicaleLike.connections).toBe(before + 1);
  });

  it("refuses the same server when it is not allowed, without connecting", async () => {
    const before = radicaleLike.connections;
    await expect(guardedFetch(`${base}/cal/`, { method: "PROPFIND" })).rejects.toBeInstanceOf(HostNotAllowed);
    expect(radicaleLike.connections).toBe(before);
  });
});

describe("redirects", () => {
  it("follows a redirect only after checking its target: an allowed server cannot bounce to a refused one", async () => {
    const target = await startRawServer((socket) => respond(socket, { status: "200 OK", body: "secret" }));
    const bouncer = await startRawServer((socket) =>
      respond(socket, { status: "302 Found", headers: [`Location: http://127.0.0.1:${target.port}/admin`] }),
    );
    try {
      allow(`127.0.0.1:${bouncer.port}`);
      await expect(
        guardedRequest({ url: `http://127.0.0.1:${bouncer.port}/`, maxRedirects: 5 }),
      ).rejects.toBeInstanceOf(HostNotAllowed);
      expect(bouncer.connections).toBe(1);
      expect(target.connections).toBe(0);
      // Allowed too: followed, and the credentials stayed behind (another origin).
      allow(`127.0.0.1:${bouncer.port}`, `127.0.0.1:${target.port}`);
      const response = await guardedRequest({
        url: `http://127.0.0.1:${bouncer.port}/`,
        headers: { Authorization: "Basic c2VjcmV0" },
        maxRedirects: 5,
      });
      expect(response.body.toString()).toBe("secret");
      expect(target.requests.at(-1)).toMatch(/^GET \/admin /);
      expect(target.requests.at(-1)).not.toMatch(/authorization/i);
    } finally {
      await bouncer.close();
      await target.close();
    }
  });
});

describe("bounded reads", () => {
  it("ends a server that accepts and never answers with an idle timeout naming the host", async () => {
    const tarpit = await startRawServer(() => undefined);
    try {
      allow(`127.0.0.1:${tarpit.port}`);
      const error = await guardedRequest({
        url: `http://127.0.0.1:${tarpit.port}/`,
        limits: { idleTimeoutMs: 300, deadlineMs: 60_000 },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteReadFailed);
      expect((error as RemoteReadFailed).reason).toBe("idle_timeout");
      expect((error as RemoteReadFailed).message).toContain(`127.0.0.1:${tarpit.port}`);
    } finally {
      await tarpit.close();
    }
  });

  it("ends a server that trickles bytes forever at the total deadline", async () => {
    const trickler = await startRawServer((socket) => {
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n");
      const timer = setInterval(() => socket.write("a"), 50);
      socket.on("close", () => clearInterval(timer));
    });
    try {
      allow(`127.0.0.1:${trickler.port}`);
      const error = await guardedRequest({
        url: `http://127.0.0.1:${trickler.port}/`,
        limits: { idleTimeoutMs: 5_000, deadlineMs: 800 },
      }).catch((e: unknown) => e);
      expect((error as RemoteReadFailed).reason).toBe("deadline");
    } finally {
      await trickler.close();
    }
  });

  it.each([
    ["gzip", gzipSync(Buffer.alloc(64 * 1024 * 1024))],
    ["identity", Buffer.alloc(3 * 1024 * 1024, "a")],
  ])("stops a %s answer past the byte cap with a clean error", async (encoding, body) => {
    const bomb = await startRawServer((socket) =>
      respond(socket, {
        status: "207 Multi-Status",
        headers: encoding === "gzip" ? ["Content-Encoding: gzip"] : [],
        body,
      }),
    );
    try {
      allow(`127.0.0.1:${bomb.port}`);
      const error = await guardedRequest({
        url: `http://127.0.0.1:${bomb.port}/`,
        limits: { maxResponseBytes: 1024 * 1024 },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteReadFailed);
      expect((error as RemoteReadFailed).reason).toBe("too_large");
    } finally {
      await bomb.close();
    }
  });
});
