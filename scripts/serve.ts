// The production HTTP server `npm start` runs (instead of `next start`): Next's own request
// handler behind a plain node:http server, so that every request carries its socket's peer
// address. Route handlers have no access to the socket, and `next start` only fills
// X-Forwarded-For when a request has none, which lets any client pick the address its rate
// limits are counted under. Here the peer is always appended, as a reverse proxy does; see
// lib/auth/client-address.ts for how the client is read back (CONCORD_TRUST_PROXY).
import { createServer } from "node:http";
import path from "node:path";
import next from "next";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT || 3000);

const app = next({ dev: false, dir: root, port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  const peer = request.socket.remoteAddress ?? "unknown";
  const given = request.headers["x-forwarded-for"];
  const prior = Array.isArray(given) ? given.join(", ") : given;
  request.headers["x-forwarded-for"] = prior ? `${prior}, ${peer}` : peer;
  void handle(request, response);
});
server.listen(port, () => {
  console.log(`Ready: serving on port ${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    // Open keep-alive or streaming connections must not hold the exit.
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
