/**
 * The one way Concord requests a URL that a person supplied or a remote server handed back
 * (CalDAV servers and their hrefs; later ICS subscriptions). Every hop, redirects included:
 * - passes the outbound guard (check-outbound-url.ts) before any packet is sent, and the
 *   socket connects to the very addresses that were checked (a `lookup` that answers with
 *   them), so DNS rebinding between check and connect changes nothing;
 * - is bounded (outbound-limits.ts): connect timeout (DNS + TCP + TLS), idle timeout, one
 *   total deadline across redirects, and a byte cap on the wire and again after
 *   decompression (zlib's maxOutputLength), so a hung server or a gzip bomb ends as a
 *   RemoteReadFailed naming the host.
 * Built on node:http(s) and reading each body whole as it arrives: Node's fetch (undici) can
 * crash the process with an uncatchable `assert(!this.paused)` when a server closes the
 * connection while a large body is paused under backpressure (nodejs/undici#5360; Radicale
 * answers HTTP/1.0 and closes after each response), and it offers no per-connection lookup.
 */
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { brotliDecompress, gunzip, inflate, type ZlibOptions, type BrotliOptions } from "node:zlib";
import { checkOutboundUrl, type ResolvedAddress, type ResolveHost } from "./check-outbound-url.ts";
import { readOutboundLimits, type OutboundLimits } from "./outbound-limits.ts";
import { RemoteReadFailed } from "./remote-read-failed.ts";

export interface GuardedResponse {
  status: number;
  statusText: string;
  /** Response headers; without content-encoding/-length when the body was decompressed. */
  headers: Headers;
  /** The body, decompressed. */
  body: Buffer;
  /** The URL that answered (after redirects). */
  url: string;
}

export interface GuardedRequestParams {
  url: string | URL;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Redirects to follow, each checked like the first request (default 0: 3xx is returned). */
  maxRedirects?: number;
  limits?: Partial<OutboundLimits>;
  /** Host name resolution (tests pass a stub). */
  resolve?: ResolveHost;
  /** An operator-configured endpoint: bounded alike, but not refused for a private address. */
  isOperatorEndpoint?: boolean;
}

type Decoder = (
  buffer: Buffer,
  options: ZlibOptions & BrotliOptions,
  callback: (error: Error | null, result: Buffer) => void,
) => void;

const decoders: Record<string, Decoder> = { gzip: gunzip, "x-gzip": gunzip, deflate: inflate, br: brotliDecompress };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function lookupFrom(addresses: ResolvedAddress[]): LookupFunction {
  type Callback = (error: Error | null, address: string | ResolvedAddress[], family?: number) => void;
  const lookupChecked = (_hostname: string, options: { all?: boolean; family?: number }, callback: Callback) => {
    if (options.all) return callback(null, addresses);
    const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
    const pick = addresses.find((entry) => wanted === undefined || entry.family === wanted) ?? addresses[0];
    callback(null, pick?.address ?? "", pick?.family);
  };
  return lookupChecked as unknown as LookupFunction;
}

function decode(params: { body: Buffer; encoding: string; limit: number; host: string }): Promise<Buffer> {
  const decoder = decoders[params.encoding];
  if (!decoder) return Promise.resolve(params.body);
  return new Promise((resolve, reject) => {
    decoder(params.body, { maxOutputLength: params.limit }, (error, result) => {
      if (!error) return resolve(result);
      const tooLarge = (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
      reject(
        new RemoteReadFailed({
          host: params.host,
          reason: tooLarge ? "too_large" : "bad_encoding",
          limit: params.limit,
        }),
      );
    });
  });
}

function toHeaders(raw: http.IncomingHttpHeaders, isDecoded: boolean): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (isDecoded && (name === "content-encoding" || name === "content-length")) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | undefined;
  limits: OutboundLimits;
  deadlineAt: number;
  resolve: ResolveHost | undefined;
  isOperatorEndpoint: boolean;
}

function requestOnce(hop: Hop): Promise<GuardedResponse> {
  const { url, limits } = hop;
  const host = url.host;
  const isHttps = url.protocol === "https:";
  return new Promise<GuardedResponse>((resolve, reject) => {
    let request: http.ClientRequest | undefined;
    let isSettled = false;
    const timers: NodeJS.Timeout[] = [];
    const onAbort = () => finish(hop.signal?.reason ?? new DOMException("The request was aborted", "AbortError"));
    function finish(error: unknown, value?: GuardedResponse): void {
      if (isSettled) return;
      isSettled = true;
      for (const timer of timers) clearTimeout(timer);
      hop.signal?.removeEventListener("abort", onAbort);
      if (value) return resolve(value);
      request?.destroy();
      reject(error);
    }
    const fail = (reason: RemoteReadFailed["reason"], limit: number) =>
      finish(new RemoteReadFailed({ host, reason, limit }));

    timers.push(setTimeout(() => fail("deadline", limits.deadlineMs), Math.max(0, hop.deadlineAt - Date.now())));
    const connectTimer = setTimeout(() => fail("connect_timeout", limits.connectTimeoutMs), limits.connectTimeoutMs);
    timers.push(connectTimer);
    if (hop.signal?.aborted) return onAbort();
    hop.signal?.addEventListener("abort", onAbort, { once: true });

    checkOutboundUrl({ url, resolve: hop.resolve, isOperatorEndpoint: hop.isOperatorEndpoint }).then((addresses) => {
      if (isSettled) return;
      const headers = { ...hop.headers };
      if (hop.body !== undefined) headers["content-length"] = String(Buffer.byteLength(hop.body));
      const client = isHttps ? https : http;
      request = client.request(url, { method: hop.method, headers, lookup: lookupFrom(addresses) }, (response) => {
        clearTimeout(connectTimer);
        const limit = limits.maxResponseBytes;
        if (Number(response.headers["content-length"] ?? 0) > limit) return fail("too_large", limit);
        const chunks: Buffer[] = [];
        let received = 0;
        response.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > limit) fail("too_large", limit);
          else chunks.push(chunk);
        });
        response.on("error", (error) => finish(error));
        response.on("end", () => {
          const encoding = String(response.headers["content-encoding"] ?? "")
            .trim()
            .toLowerCase();
          decode({ body: Buffer.concat(chunks), encoding, limit, host }).then(
            (body) =>
              finish(undefined, {
                status: response.statusCode ?? 500,
                statusText: response.statusMessage ?? "",
                headers: toHeaders(response.headers, encoding in decoders),
                body,
                url: url.toString(),
              }),
            (error) => finish(error),
          );
        });
      });
      request.on("socket", (socket) => {
        // A kept-alive socket is connected already; a new one counts until TLS is set up.
        if (!socket.connecting) clearTimeout(connectTimer);
        else socket.once(isHttps ? "secureConnect" : "connect", () => clearTimeout(connectTimer));
      });
      request.setTimeout(limits.idleTimeoutMs, () => fail("idle_timeout", limits.idleTimeoutMs));
      request.on("error", (error) => finish(error));
      if (hop.body !== undefined) request.write(hop.body);
      request.end();
    }, finish);
  });
}

export async function guardedRequest(params: GuardedRequestParams): Promise<GuardedResponse> {
  const limits = { ...readOutboundLimits(), ...params.limits };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(params.headers ?? {})) headers[name.toLowerCase()] = value;
  let hop: Hop = {
    url: new URL(params.url),
    method: (params.method ?? "GET").toUpperCase(),
    headers,
    body: params.body,
    signal: params.signal,
    limits,
    deadlineAt: Date.now() + limits.deadlineMs,
    resolve: params.resolve,
    isOperatorEndpoint: params.isOperatorEndpoint ?? false,
  };
  for (let redirects = 0; ; redirects++) {
    const response = await requestOnce(hop);
    const location = response.headers.get("location");
    if (!REDIRECTS.has(response.status) || !location || redirects >= (params.maxRedirects ?? 0)) return response;
    const next = new URL(location, hop.url);
    const nextHeaders = { ...hop.headers };
    // Credentials never follow a redirect to another origin (as fetch does).
    if (next.origin !== hop.url.origin) {
      delete nextHeaders.authorization;
      delete nextHeaders.cookie;
    }
    const becomesGet = response.status === 303 || (response.status <= 302 && hop.method === "POST");
    if (becomesGet) delete nextHeaders["content-type"];
    hop = {
      ...hop,
      url: next,
      headers: nextHeaders,
      method: becomesGet ? "GET" : hop.method,
      body: becomesGet ? undefined : hop.body,
    };
  }
}
