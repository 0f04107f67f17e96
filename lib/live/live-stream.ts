/**
 * The server-sent event stream of `GET /api/v1/stream` (docs/live-updates.md): the person's
 * live-state tokens (read-live-state.ts), sent once on connect and again whenever one moves.
 *
 * The database is polled (one cheap query every ~1.5 s while the tab listens) instead of an
 * in-process emitter: pulls and pushes run in job workers, possibly in other processes, and
 * the change numbers they leave behind are already in the database. The stream ends when the
 * client goes away (abort signal or cancel), when a read fails, and after a bounded lifetime;
 * EventSource then reconnects after `retry` ms and the request is authenticated again, so a
 * revoked token or an expired session stops the updates.
 */
import { readLiveState, type LiveState } from "./read-live-state.ts";

export interface LiveStreamTiming {
  pollMs: number;
  heartbeatMs: number;
  lifetimeMs: number;
  retryMs: number;
}

const defaultTiming: LiveStreamTiming = {
  pollMs: 1500,
  // Comment lines keep proxies from closing an idle connection (many cut after 30-60 s).
  heartbeatMs: 15_000,
  lifetimeMs: 10 * 60_000,
  retryMs: 3000,
};

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

function changeFrame(state: LiveState): string {
  const id = `${state.events}:${state.calendars}:${state.conflicts}`;
  return `event: change\nid: ${id}\ndata: ${JSON.stringify(state)}\n\n`;
}

export function liveStreamResponse(params: {
  userId: string;
  signal: AbortSignal;
  timing?: Partial<LiveStreamTiming>;
}): Response {
  const timing = { ...defaultTiming, ...params.timing };
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  params.signal.addEventListener("abort", onAbort, { once: true });
  const encoder = new TextEncoder();

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (!stop.signal.aborted) controller.enqueue(encoder.encode(text));
      };
      const endsAt = Date.now() + timing.lifetimeMs;
      let last = "";
      let lastSentAt = Date.now();
      send(`retry: ${timing.retryMs}\n: connected\n\n`);
      try {
        while (!stop.signal.aborted && Date.now() < endsAt) {
          const state = await readLiveState({ userId: params.userId });
          const frame = changeFrame(state);
          if (frame !== last) {
            send(frame);
            last = frame;
            lastSentAt = Date.now();
          } else if (Date.now() - lastSentAt >= timing.heartbeatMs) {
            send(": heartbeat\n\n");
            lastSentAt = Date.now();
          }
          await sleep(timing.pollMs, stop.signal);
        }
      } catch {
        // A failed read ends this stream; the client reconnects after `retry` and reads again.
      } finally {
        params.signal.removeEventListener("abort", onAbort);
        stop.abort();
        try {
          controller.close();
        } catch {
          // Already cancelled by the reader.
        }
      }
    },
    cancel() {
      stop.abort();
    },
  });

  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: a compressing layer (Next's own gzip, a proxy) would otherwise buffer the
      // frames; X-Accel-Buffering does the same for nginx.
      "Cache-Control": "no-cache, no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
