import { createServer, type Server } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeHttpFetch } from "../../../lib/providers/caldav/node-http-fetch.ts";

// A raw HTTP/1.0-style server like Radicale's: one response per connection, then FIN.
const big = "BEGIN:VCALENDAR\r\n" + "X-PAD:".padEnd(2_000_000, "a") + "\r\nEND:VCALENDAR\r\n";
let server: Server;
let base: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((socket) => {
    socket.once("data", (data) => {
      const request = data.toString("latin1");
      seen.push(request);
      const gzip = /accept-encoding: gzip/i.test(request) && request.startsWith("REPORT");
      const body = gzip ? gzipSync(big) : Buffer.from(big);
      const status = request.startsWith("REPORT") ? "207 Multi-Status" : "204 No Content";
      const head = [`HTTP/1.1 ${status}`, "Connection: close", 'ETag: "abc"'];
      if (status.startsWith("207")) head.push(`Content-Length: ${body.length}`, "Content-Type: application/xml");
      if (gzip) head.push("Content-Encoding: gzip");
      socket.write(head.join("\r\n") + "\r\n\r\n");
      if (status.startsWith("207")) socket.write(body);
      socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("nodeHttpFetch", () => {
  it("reads a large gzipped body whole even when the caller reads it late, and decodes it", async () => {
    const response = await nodeHttpFetch(`${base}/cal/`, {
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
    expect(seen.at(-1)).toMatch(/^REPORT \/cal\/ HTTP\/1\.1/);
    expect(seen.at(-1)).toMatch(/content-length: 4/i);
  });

  it("gives bodiless statuses a null body and refuses non-string bodies", async () => {
    const response = await nodeHttpFetch(`${base}/cal/x.ics`, { method: "DELETE" });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    await expect(nodeHttpFetch(`${base}/`, { method: "PUT", body: new Uint8Array([1]) })).rejects.toThrow(TypeError);
  });

  it("rejects on a refused connection", async () => {
    await expect(nodeHttpFetch("http://127.0.0.1:9/", {})).rejects.toThrow();
  });
});
