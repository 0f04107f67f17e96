import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createControlClient } from "./control-client.ts";
import type { ControlClient } from "./control-client.ts";
import type { FakeContext } from "./fake-context.ts";
import { createOAuthState } from "./oauth.ts";
import { route } from "./router.ts";
import { createStore } from "./store.ts";
import { createWatchState, notifyCalendarChanged } from "./watch.ts";

export interface GoogleFake {
  /** `http://127.0.0.1:PORT` (no trailing slash): API root, OAuth base and control API. */
  url: string;
  control: ControlClient;
  stop(): Promise<void>;
}

/** Starts the Google Calendar + OAuth fake on loopback (port 0 = any free port). */
export async function startGoogleFake(params: { port?: number; host?: string } = {}): Promise<GoogleFake> {
  const ctx: FakeContext = {
    store: createStore(),
    oauth: createOAuthState(),
    watch: createWatchState(),
    faults: [],
    requests: [],
    baseUrl: "",
  };
  ctx.store.listeners.push((calendarId) => notifyCalendarChanged(ctx.watch, calendarId));
  const server = createServer((req, res) => {
    void route(ctx, req, res);
  });
  // Clients (undici) drop idle keep-alive sockets after ~4 s; the server must not close them
  // first, or a loaded machine sees ECONNRESET on a reused socket.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const host = params.host ?? "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(params.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  ctx.baseUrl = `http://${host}:${port}`;
  return {
    url: ctx.baseUrl,
    control: createControlClient(ctx.baseUrl),
    stop: async () => {
      await Promise.allSettled([...ctx.watch.inFlight]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
