/**
 * The one way the CalDAV adapter reaches the network: every request goes through the outbound
 * guard and its bounds (lib/net: no private host unless the operator allowed it, timeouts,
 * byte caps); adds Basic auth only for allowed hosts,
 * asks for gzip (Radicale compresses ~6.8x, docs/design.md "Measured on Radicale 3.1 and Xandikos 0.2"), spaces requests to a
 * per-account budget, retries throttling with backoff, and counts requests and bytes.
 * 401 -> AuthRevoked, 429/503 (after retries) -> RateLimited, network failure ->
 * RemoteUnavailable; every other status is returned for the caller to interpret. Once a host
 * has timed out, further requests of the same operation to it fail at once: discovery and a
 * pull make many requests, and each would wait out its own timeout.
 */
import { AppError } from "../../errors/app-error.ts";
import { checkAddressLiteral } from "../../net/check-outbound-url.ts";
import { guardedFetch } from "../../net/guarded-fetch.ts";
import { RemoteReadFailed } from "../../net/remote-read-failed.ts";
import { AuthRevoked, RemoteUnavailable } from "../errors.ts";
import { classifyFailure, describeRequest, parseRetryAfter } from "./classify-response.ts";
import { ForeignHostRefused, type HostPolicy } from "./host-policy.ts";

export interface RequestCounter {
  requests: number;
  bytesReceived: number;
}

export interface ThrottleRetry {
  /** Extra attempts after a 429/503 before RateLimited is thrown. */
  maxRetries: number;
  /** Wait at least minBackoffMs * 2^attempt, even when Retry-After says less (iCloud). */
  minBackoffMs: number;
}

export interface RequestBudget {
  maxRequests: number;
  perMs: number;
}

export interface DavResult {
  status: number;
  headers: Headers;
  body: string;
  url: string;
}

export interface DavTransport {
  request(params: {
    url: string;
    method: string;
    headers?: Record<string, string>;
    body?: string;
    counter?: RequestCounter;
  }): Promise<DavResult>;
  /** fetch for tsdav's discovery calls: same host policy, auth, budget and counting. */
  fetchForTsdav(counter?: RequestCounter): typeof fetch;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createDavTransport(params: {
  username: string;
  password: string;
  hostPolicy: HostPolicy;
  fetch?: typeof fetch;
  throttleRetry?: ThrottleRetry;
  requestBudget?: RequestBudget;
  /** Where refused hrefs are reported; never receives credentials. */
  logError?: (message: string) => void;
}): DavTransport {
  const doFetch = params.fetch ?? guardedFetch;
  const authorization = `Basic ${Buffer.from(`${params.username}:${params.password}`).toString("base64")}`;
  const retry = params.throttleRetry ?? { maxRetries: 0, minBackoffMs: 0 };
  const sentAt: number[] = [];
  const hungHosts = new Map<string, RemoteUnavailable>();

  async function waitForBudget(): Promise<void> {
    const budget = params.requestBudget;
    if (!budget) return;
    for (;;) {
      const now = Date.now();
      while (sentAt.length > 0 && (sentAt[0] ?? 0) <= now - budget.perMs) sentAt.shift();
      if (sentAt.length < budget.maxRequests) {
        sentAt.push(now);
        return;
      }
      await sleep((sentAt[0] ?? now) + budget.perMs - now);
    }
  }

  function checkHost(url: string): URL {
    const parsed = new URL(url);
    if (!params.hostPolicy.isAllowed(parsed)) {
      // A private address literal (a redirect to 127.0.0.1:other-port) gets the guard's own
      // answer, which tells the person what the operator can do about it.
      checkAddressLiteral({ url: parsed });
      const message = `refused to send credentials to ${parsed.protocol}//${parsed.host}`;
      params.logError?.(message);
      throw new ForeignHostRefused(message);
    }
    return parsed;
  }

  /** One HTTP exchange with throttling retries; `read` consumes the body. */
  async function exchange(url: string, init: RequestInit, counter: RequestCounter | undefined): Promise<Response> {
    const host = checkHost(url).host;
    const method = init.method ?? "GET";
    for (let attempt = 0; ; attempt++) {
      const hung = hungHosts.get(host);
      if (hung) throw hung;
      await waitForBudget();
      const headers = new Headers(init.headers);
      headers.set("Authorization", authorization);
      let response: Response;
      try {
        if (counter) counter.requests++;
        response = await doFetch(url, { ...init, headers });
      } catch (error) {
        // host_not_allowed and the like are for the person, unchanged.
        if (error instanceof AppError) throw error;
        if (error instanceof RemoteReadFailed) {
          const failure = new RemoteUnavailable(
            `CalDAV server ${error.message}: ${describeRequest({ method, url })}`,
            undefined,
            { cause: error },
          );
          if (error.isTimeout) hungHosts.set(host, failure);
          throw failure;
        }
        const reason = error instanceof Error ? error.name : "error";
        throw new RemoteUnavailable(`CalDAV network failure (${reason}): ${describeRequest({ method, url })}`);
      }
      if (response.status === 401) {
        await response.body?.cancel();
        throw new AuthRevoked(`CalDAV credentials were refused: ${describeRequest({ method, url })} -> 401`, 401);
      }
      if (response.status === 429 || response.status === 503) {
        const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
        await response.body?.cancel();
        // Apple's Retry-After is shorter than the real throttle (keeper.sh throttle-retry.ts).
        const waitMs = Math.max(retryAfterMs ?? 0, retry.minBackoffMs * 2 ** attempt);
        if (attempt < retry.maxRetries) {
          await sleep(waitMs);
          continue;
        }
        throw classifyFailure({
          status: response.status,
          method,
          url,
          retryAfterMs: Math.max(waitMs, retryAfterMs ?? 1000),
        });
      }
      return response;
    }
  }

  return {
    async request({ url, method, headers, body, counter }) {
      const response = await exchange(
        url,
        { method, headers: { "Accept-Encoding": "gzip", ...headers }, body, redirect: "follow" },
        counter,
      );
      if (response.redirected) checkHost(response.url);
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        const reason = error instanceof Error ? error.name : "error";
        throw new RemoteUnavailable(`CalDAV response was cut off (${reason}): ${describeRequest({ method, url })}`);
      }
      if (counter) counter.bytesReceived += Buffer.byteLength(text);
      return { status: response.status, headers: response.headers, body: text, url: response.url || url };
    },
    fetchForTsdav(counter) {
      return (async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
        return exchange(url, init ?? {}, counter);
      }) as typeof fetch;
    },
  };
}
