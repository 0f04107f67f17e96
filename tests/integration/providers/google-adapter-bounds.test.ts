/**
 * The Google client's requests are bounded too: a Google endpoint that accepts and never
 * answers ends at the total deadline as RemoteUnavailable, one that goes silent mid-answer at
 * the idle timeout, and an answer past the byte cap stops there, instead of holding a sync run
 * forever.
 */
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { createGoogleProvider } from "../../../lib/providers/google.ts";
import { ProviderError, RemoteUnavailable } from "../../../lib/providers/errors.ts";

let server: Server;
let rootUrl: string;
let mode: "hang" | "huge" | "silent" = "hang";
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
    socket.once("data", () => {
      if (mode === "hang") return;
      if (mode === "silent") {
        // Headers and a first part, then nothing: only an idle timeout ends this.
        socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"items":[`);
        return;
      }
      const body = `{"items":[${'{"id":"x"},'.repeat(200_000)}{"id":"y"}]}`;
      socket.end(
        `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  rootUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
});
afterEach(() => {
  vi.unstubAllEnvs();
  for (const socket of sockets) socket.destroy();
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const provider = () =>
  createGoogleProvider({
    credentials: { accessToken: "token", refreshToken: "refresh", expiryDate: Date.now() + 3_600_000 },
    clientId: "client",
    clientSecret: "secret",
    apiRootUrl: rootUrl,
    oauthUrl: rootUrl,
    retryPolicy: { maxAttempts: 1 },
  });

it("ends a hung Google endpoint at the deadline", async () => {
  mode = "hang";
  vi.stubEnv("CONCORD_HTTP_DEADLINE_MS", "500");
  await expect(provider().listCalendars()).rejects.toBeInstanceOf(RemoteUnavailable);
});

it("ends a Google answer that goes silent at the idle timeout, long before the deadline", async () => {
  mode = "silent";
  vi.stubEnv("CONCORD_HTTP_IDLE_TIMEOUT_MS", "300");
  vi.stubEnv("CONCORD_HTTP_DEADLINE_MS", "600000");
  const started = Date.now();
  await expect(provider().listCalendars()).rejects.toBeInstanceOf(RemoteUnavailable);
  // A liveness bound, not a timing assertion: without the idle timeout this waits ten minutes.
  expect(Date.now() - started).toBeLessThan(60_000);
});

it("stops reading a Google answer past the byte cap", async () => {
  mode = "huge";
  vi.stubEnv("CONCORD_HTTP_MAX_RESPONSE_BYTES", String(256 * 1024));
  // gaxios refuses the answer by its Content-Length: a typed failure of the call, not a retry.
  await expect(provider().listCalendars()).rejects.toBeInstanceOf(ProviderError);
});
