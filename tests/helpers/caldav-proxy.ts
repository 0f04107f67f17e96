/**
 * A loopback HTTP proxy in front of a real CalDAV server (or the Google fake: nothing below is
 * CalDAV-only except the multistatus rewrites) that injects faults real servers do not
 * produce on demand, and counts requests and wire bytes. Scripted rules:
 * - `truncate-sync`: answer a sync-collection REPORT with only the first `keep` member
 *   responses plus a 507 for the collection and a continuation token (RFC 6578 §3.6); the next
 *   request with that token gets the withheld responses and the server's real token;
 * - `drop-multiget-href`: remove a member from a calendar-multiget answer (Zoho-style cap);
 * - `status`: answer with a status (401, 429, 503...) and optional Retry-After;
 * - `transform`: rewrite a response body (e.g. add an href on a foreign host).
 * A `faults` hook (random-faults.ts: seeded, per request with a probability) adds failures of
 * the transport itself: resets before or after the server saw the request, bodies cut after
 * the headers (with or without Content-Length, gzip or not), stalls, and partial multistatus
 * answers (a sync-collection cut short with a 507, a multiget missing an href).
 */
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { gunzipSync, gzipSync } from "node:zlib";
import { allowPrivateHost } from "./allow-private-host.ts";

export interface ProxyMatch {
  method?: string;
  /** Substring of the request body, e.g. "sync-collection", "calendar-multiget". */
  bodyIncludes?: string;
  pathIncludes?: string;
}

export type ProxyRule = { match?: ProxyMatch; times?: number } & (
  | { kind: "status"; status: number; retryAfter?: string; body?: string }
  | { kind: "truncate-sync"; keep: number }
  | { kind: "drop-multiget-href"; hrefIncludes?: string }
  | { kind: "transform"; transform: (body: string) => string }
);

export interface ProxyRequest {
  method: string;
  path: string;
  body: string;
}

/** One failure of one request, chosen by the `faults` hook. */
export type ProxyFault =
  | { kind: "status"; status: number; retryAfter?: string }
  /** The connection drops before the server sees the request. */
  | { kind: "reset-before" }
  /** The server handled the request (a write happened), then the connection drops. */
  | { kind: "reset-after" }
  /** The headers and half of the body arrive, then the connection closes. */
  | { kind: "truncate"; withLength: boolean; gzip: boolean }
  /** The answer is held back `ms` (longer than the client's read timeout, when it has one). */
  | { kind: "stall"; ms: number }
  | { kind: "partial-sync" }
  | { kind: "partial-multiget" };

export interface ProxyStats {
  requests: number;
  bytesSent: number;
  bytesReceived: number;
  methods: string[];
}

export interface CaldavProxy {
  url: string;
  stats: ProxyStats;
  setRules(rules: ProxyRule[]): void;
  /** Replaces the random-fault hook (undefined = no random faults). */
  setFaults(faults: ((request: ProxyRequest) => ProxyFault | undefined) | undefined): void;
  resetStats(): void;
  stop(): Promise<void>;
}

interface Continuation {
  responses: string[];
  token: string;
  head: string;
  prefix: string;
}

const RESPONSE_RE = /<((?:[\w.-]+:)?)response\b[^>]*>[\s\S]*?<\/\1response>/g;
const SYNC_TOKEN_RE = /<((?:[\w.-]+:)?)sync-token\b[^>]*>([\s\S]*?)<\/\1sync-token>/;

function matches(rule: ProxyRule, method: string, path: string, body: string): boolean {
  const m = rule.match ?? {};
  if (m.method && m.method.toUpperCase() !== method.toUpperCase()) return false;
  if (m.bodyIncludes && !body.includes(m.bodyIncludes)) return false;
  if (m.pathIncludes && !path.includes(m.pathIncludes)) return false;
  return true;
}

export async function startCaldavProxy(params: {
  target: string;
  rules?: ProxyRule[];
  faults?: (request: ProxyRequest) => ProxyFault | undefined;
}): Promise<CaldavProxy> {
  const target = new URL(params.target);
  let rules: Array<ProxyRule & { used: number }> = (params.rules ?? []).map((r) => ({ ...r, used: 0 }));
  const stats: ProxyStats = { requests: 0, bytesSent: 0, bytesReceived: 0, methods: [] };
  /** Continuation token -> withheld responses, the server's real token, and the root open tag. */
  const continuations = new Map<string, Continuation>();
  let continuationCount = 0;
  let proxyUrl = "";
  let faults = params.faults;

  function takeRule(method: string, path: string, body: string): ProxyRule | undefined {
    const rule = rules.find(
      (r) => r.used < (r.times ?? (r.kind === "status" ? Infinity : 1)) && matches(r, method, path, body),
    );
    if (rule) rule.used++;
    return rule;
  }

  function send(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
    stats.bytesReceived += body.length;
    res.writeHead(status, { ...headers, "content-length": String(body.length) });
    res.end(body);
  }

  async function forward(method: string, path: string, headers: IncomingHttpHeaders, body: Buffer) {
    return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = httpRequest(
        { host: target.hostname, port: target.port, method, path, headers: { ...headers, host: target.host } },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  function plainHeaders(headers: IncomingHttpHeaders, dropEncoding: boolean): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(headers)) {
      if (value === undefined || key === "content-length" || key === "transfer-encoding" || key === "connection")
        continue;
      if (dropEncoding && key === "content-encoding") continue;
      out[key] = Array.isArray(value) ? value.join(", ") : value;
    }
    // Discovery redirects must keep pointing at the proxy, not the server behind it.
    if (out.location)
      out.location = out.location.replace(`${target.protocol}//${target.host}`, proxyUrl.replace(/\/$/, ""));
    return out;
  }

  /** Applies a random fault; false when the request should go on as usual (a stall). */
  async function injectFault(params: {
    fault: ProxyFault;
    res: ServerResponse;
    method: string;
    path: string;
    headers: IncomingHttpHeaders;
    body: Buffer;
  }): Promise<boolean> {
    const { fault, res } = params;
    if (fault.kind === "status") {
      const headers: Record<string, string> = { "content-type": "text/plain" };
      if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
      send(res, fault.status, headers, Buffer.from(`injected ${fault.status}`));
      return true;
    }
    if (fault.kind === "reset-before") {
      res.socket?.destroy();
      return true;
    }
    if (fault.kind === "stall") {
      await new Promise((resolve) => setTimeout(resolve, fault.ms));
      return res.socket === null || res.socket.destroyed;
    }
    const upstream = await forward(params.method, params.path, params.headers, params.body);
    if (fault.kind === "reset-after") {
      res.socket?.destroy();
      return true;
    }
    const raw = upstream.headers["content-encoding"] === "gzip" ? gunzipSync(upstream.body) : upstream.body;
    if (fault.kind === "truncate") {
      const body = fault.gzip ? gzipSync(raw) : raw;
      const headers = plainHeaders(upstream.headers, true);
      if (fault.gzip) headers["content-encoding"] = "gzip";
      // Without a length the body ends where the connection closes (RFC 9112 §6.3), so a cut
      // body looks complete on the wire; with one, the client can tell it is short.
      if (fault.withLength) headers["content-length"] = String(body.length);
      else headers.connection = "close";
      res.useChunkedEncodingByDefault = false;
      res.writeHead(upstream.status, headers);
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      stats.bytesReceived += Math.floor(body.length / 2);
      await new Promise((resolve) => setTimeout(resolve, 5));
      res.socket?.destroy();
      return true;
    }
    let text = raw.toString("utf8");
    if (fault.kind === "partial-sync" && upstream.status === 207) {
      const count = (text.match(RESPONSE_RE) ?? []).length;
      text = truncateSync({
        body: text,
        keep: Math.floor(count / 2),
        collectionPath: params.path,
        register: (entry) => {
          const key = `http://proxy.invalid/continue/${++continuationCount}`;
          continuations.set(key, entry);
          return key;
        },
      });
    } else if (fault.kind === "partial-multiget" && upstream.status === 207) {
      let dropped = false;
      text = text.replace(RESPONSE_RE, (response) => {
        if (dropped) return response;
        dropped = true;
        return "";
      });
    }
    send(res, upstream.status, plainHeaders(upstream.headers, true), Buffer.from(text));
    return true;
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const requestBody = Buffer.concat(chunks);
        const method = req.method ?? "GET";
        const path = req.url ?? "/";
        const text = requestBody.toString("utf8");
        stats.requests++;
        stats.methods.push(method);
        stats.bytesSent += requestBody.length;
        const token = SYNC_TOKEN_RE.exec(text)?.[2]?.trim();
        const continuation = token ? continuations.get(token) : undefined;
        if (continuation) {
          continuations.delete(token!);
          const xml =
            `${continuation.head}${continuation.responses.join("")}` +
            `<D:sync-token xmlns:D="DAV:">${continuation.token}</D:sync-token></${continuation.prefix}multistatus>`;
          send(res, 207, { "content-type": "application/xml; charset=utf-8" }, Buffer.from(xml));
          return;
        }
        const fault = faults?.({ method, path, body: text });
        if (fault && (await injectFault({ fault, res, method, path, headers: req.headers, body: requestBody }))) return;
        const rule = takeRule(method, path, text);
        if (rule?.kind === "status") {
          const headers: Record<string, string> = { "content-type": "text/plain" };
          if (rule.retryAfter !== undefined) headers["retry-after"] = rule.retryAfter;
          send(res, rule.status, headers, Buffer.from(rule.body ?? ""));
          return;
        }
        const upstream = await forward(method, path, req.headers, requestBody);
        if (!rule) {
          send(res, upstream.status, plainHeaders(upstream.headers, false), upstream.body);
          return;
        }
        const raw = upstream.headers["content-encoding"] === "gzip" ? gunzipSync(upstream.body) : upstream.body;
        let body = raw.toString("utf8");
        if (rule.kind === "transform") body = rule.transform(body);
        else if (rule.kind === "drop-multiget-href") {
          let dropped = false;
          body = body.replace(RESPONSE_RE, (response) => {
            if (dropped || (rule.hrefIncludes && !response.includes(rule.hrefIncludes))) return response;
            dropped = true;
            return "";
          });
        } else if (rule.kind === "truncate-sync") {
          body = truncateSync({
            body,
            keep: rule.keep,
            collectionPath: path,
            register: (entry) => {
              const key = `http://proxy.invalid/continue/${++continuationCount}`;
              continuations.set(key, entry);
              return key;
            },
          });
        }
        send(res, upstream.status, plainHeaders(upstream.headers, true), Buffer.from(body));
      })().catch((error: unknown) => {
        if (res.headersSent) {
          res.socket?.destroy();
          return;
        }
        res.writeHead(502, { "content-type": "text/plain" });
        res.end(String(error));
      });
    });
  });
  // As in the Google fake: clients drop idle keep-alive sockets first, or a reused socket
  // meets a reset nobody injected.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  proxyUrl = `http://127.0.0.1:${port}/`;
  allowPrivateHost(`127.0.0.1:${port}`);
  return {
    url: proxyUrl,
    stats,
    setRules(next) {
      rules = next.map((r) => ({ ...r, used: 0 }));
    },
    setFaults(next) {
      faults = next;
    },
    resetStats() {
      stats.requests = 0;
      stats.bytesSent = 0;
      stats.bytesReceived = 0;
      stats.methods = [];
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function truncateSync(params: {
  body: string;
  keep: number;
  collectionPath: string;
  register: (entry: Continuation) => string;
}): string {
  const responses = params.body.match(RESPONSE_RE) ?? [];
  const tokenMatch = SYNC_TOKEN_RE.exec(params.body);
  const rootOpen = /<((?:[\w.-]+:)?)multistatus\b[^>]*>/.exec(params.body);
  if (!tokenMatch || !rootOpen) return params.body;
  const prefix = rootOpen[1] ?? "";
  const head = params.body.slice(0, (rootOpen.index ?? 0) + rootOpen[0].length);
  const kept = responses.slice(0, params.keep);
  const withheld = responses.slice(params.keep);
  const continuation = params.register({ responses: withheld, token: tokenMatch[2]!.trim(), head, prefix });
  const insufficient =
    `<D:response xmlns:D="DAV:"><D:href>${params.collectionPath}</D:href>` +
    `<D:status>HTTP/1.1 507 Insufficient Storage</D:status></D:response>`;
  return `${head}${kept.join("")}${insufficient}<D:sync-token xmlns:D="DAV:">${continuation}</D:sync-token></${prefix}multistatus>`;
}
