import type { IncomingMessage, ServerResponse } from "node:http";

/** Reads the whole request body as text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses a JSON or form-encoded body into a plain object ({} when empty). */
export function parseBody(text: string, contentType: string | undefined): Record<string, unknown> {
  if (!text) return {};
  if (contentType?.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  return JSON.parse(text) as Record<string, unknown>;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8", ...headers });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}

/** An error the router turns into Google's JSON error body. */
export class GoogleHttpError extends Error {
  readonly status: number;
  readonly reason: string;
  readonly domain: string;
  readonly headers: Record<string, string>;
  constructor(params: {
    status: number;
    reason: string;
    message: string;
    domain?: string;
    headers?: Record<string, string>;
  }) {
    super(params.message);
    this.status = params.status;
    this.reason = params.reason;
    this.domain = params.domain ?? "global";
    this.headers = params.headers ?? {};
  }
}

/**
 * Google's error envelope (https://developers.google.com/workspace/calendar/api/guides/errors):
 * `{error: {code, message, errors: [{domain, reason, message}]}}`.
 */
export function sendGoogleError(res: ServerResponse, error: GoogleHttpError): void {
  sendJson(
    res,
    error.status,
    {
      error: {
        code: error.status,
        message: error.message,
        errors: [{ domain: error.domain, reason: error.reason, message: error.message }],
      },
    },
    error.headers,
  );
}

export function badRequest(message: string, reason = "invalid"): GoogleHttpError {
  return new GoogleHttpError({ status: 400, reason, message });
}

export function notFound(): GoogleHttpError {
  return new GoogleHttpError({ status: 404, reason: "notFound", message: "Not Found" });
}
