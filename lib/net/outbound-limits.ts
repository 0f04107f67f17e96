/**
 * Bounds on every remote read (CalDAV servers, Google): how long to wait for a connection,
 * for the next byte, and for the whole answer, and how many bytes to accept — on the wire and
 * again after decompression, so a gzip/deflate/br bomb stops at the same limit.
 * Read from the environment at each request, so a change needs no code.
 */
export interface OutboundLimits {
  /** DNS lookup, TCP connect and TLS handshake (CONCORD_HTTP_CONNECT_TIMEOUT_MS, 10 s). */
  connectTimeoutMs: number;
  /** Longest silence once connected (CONCORD_HTTP_IDLE_TIMEOUT_MS, 30 s). */
  idleTimeoutMs: number;
  /** Whole request, redirects included (CONCORD_HTTP_DEADLINE_MS, 120 s). */
  deadlineMs: number;
  /** Bytes received and bytes after decompression (CONCORD_HTTP_MAX_RESPONSE_BYTES, 64 MiB). */
  maxResponseBytes: number;
}

function positive(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return value && Number.isFinite(number) && number > 0 ? number : fallback;
}

export function readOutboundLimits(env: NodeJS.ProcessEnv = process.env): OutboundLimits {
  return {
    connectTimeoutMs: positive(env.CONCORD_HTTP_CONNECT_TIMEOUT_MS, 10_000),
    idleTimeoutMs: positive(env.CONCORD_HTTP_IDLE_TIMEOUT_MS, 30_000),
    deadlineMs: positive(env.CONCORD_HTTP_DEADLINE_MS, 120_000),
    maxResponseBytes: positive(env.CONCORD_HTTP_MAX_RESPONSE_BYTES, 64 * 1024 * 1024),
  };
}
