/**
 * A loopback HTTP proxy in front of a real CalDAV server that injects faults real servers do
 * not produce on demand, and counts requests and wire bytes:
 * - `truncate-sync`: answer a sync-collection REPORT with only the first `keep` member
 *   responses plus a 507 for the collection and a continuation token (RFC 6578 §3.6); the next
 *   request with that token gets the withheld responses and the server's real token;
 * - `drop-multiget-href`: remove a member from a calendar-multiget answer (Zoho-style cap);
 * - `status`: answer with a status (401, 429, 503...) and optional Retry-After;
 * - `transform`: rewrite a response body (e.g. add an href on a foreign host).
 */
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { gunzipSync } from "node:zlib";
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

export async function startCaldavProxy(params: { target: string; rules?: ProxyRule[] }): Promise<CaldavProxy> {
  const target = new URL(params.target);
  let rules: Array<ProxyRule & { used: number }> = (params.rules ?? []).map((r) => ({ ...r, used: 0 }));
  const stats: ProxyStats = { requests: 0, bytesSent: 0, bytesReceived: 0, methods: [] };
  /** Continuation token -> withheld responses, the server's real token, and the root open tag. */
  const continuations = new Map<string, Continuation>();
  let continuationCount = 0;
  let proxyUrl = "";

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
        res.writeHead(502, { "content-type": "text/plain" });
        res.end(String(error));
      });
    });
  });
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
