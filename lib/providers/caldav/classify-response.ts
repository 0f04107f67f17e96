/**
 * Turns an HTTP failure into the typed errors the sync engine branches on (lib/providers/
 * errors.ts). Messages carry the method, path and status only: never credentials or bodies.
 */
import {
  AuthRevoked,
  GoneRemotely,
  PreconditionFailed,
  ProviderError,
  RateLimited,
  RemoteUnavailable,
  WriteForbidden,
} from "../errors.ts";
import { parseMultistatus } from "./parse-multistatus.ts";

/** Retry-After as delta-seconds or an HTTP-date (RFC 9110 §10.2.3), in milliseconds. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export function describeRequest(params: { method: string; url: string }): string {
  // The path only: query strings or userinfo could carry secrets.
  let path = params.url;
  try {
    path = new URL(params.url).pathname;
  } catch {
    // keep as is
  }
  return `${params.method} ${path}`;
}

/**
 * The server's own short reason for a refusal, from its answer body: the precondition names of
 * a DAV:error (RFC 4918 §16, e.g. `valid-calendar-data`), else the first line of a plain text
 * body. Shown to the person next to the change it refused; bounded, one line.
 */
export function readRefusalReason(body: string): string | null {
  const trimmed = body.trim();
  const error = trimmed.startsWith("<") ? parseMultistatus(trimmed).error : null;
  const text = error ? error.children.map((child) => child.name).join(", ") : trimmed.startsWith("<") ? "" : trimmed;
  const line = text.split(/\r?\n/)[0]?.trim() ?? "";
  return line ? line.slice(0, 200) : null;
}

export function classifyFailure(params: {
  status: number;
  method: string;
  url: string;
  retryAfterMs?: number | null;
  isWrite?: boolean;
  /** The server's reason (readRefusalReason), appended to the message. */
  reason?: string | null;
}): ProviderError {
  const what = `${describeRequest(params)} -> ${params.status}${params.reason ? ` (${params.reason})` : ""}`;
  const { status } = params;
  if (status === 401) return new AuthRevoked(`CalDAV credentials were refused: ${what}`, status);
  if (status === 429 || status === 503) {
    return new RateLimited(`CalDAV server is throttling: ${what}`, params.retryAfterMs ?? 1000, status);
  }
  if (status === 412) return new PreconditionFailed(`CalDAV precondition failed: ${what}`, status);
  if (params.isWrite && status === 403) return new WriteForbidden(`CalDAV write refused: ${what}`, status);
  if (params.isWrite && (status === 404 || status === 410))
    return new GoneRemotely(`CalDAV object is gone: ${what}`, status);
  if (status >= 500) return new RemoteUnavailable(`CalDAV server error: ${what}`, status);
  return new ProviderError(`CalDAV request failed: ${what}`, status);
}
