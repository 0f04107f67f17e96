/**
 * A fetch for the CalDAV transport built on node:http(s), reading every response whole as it
 * arrives. Node's built-in fetch (undici) can crash the process with an uncatchable
 * `assert(!this.paused)` when a server closes the connection (Radicale answers HTTP/1.0 and
 * closes after each response) while a large body is still paused under backpressure
 * (nodejs/undici#5360) — seen on a 10k-event Radicale listing.
 */
import http from "node:http";
import https from "node:https";
import { gunzipSync, inflateSync, brotliDecompressSync } from "node:zlib";

function decode(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? "").trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return gunzipSync(body);
    case "deflate":
      return inflateSync(body);
    case "br":
      return brotliDecompressSync(body);
    default:
      return body;
  }
}

function toHeaderRecord(headers: HeadersInit | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  new Headers(headers).forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

export const nodeHttpFetch: typeof fetch = (input, init) =>
  new Promise<Response>((resolve, reject) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const client = url.protocol === "https:" ? https : http;
    if (init?.body != null && typeof init.body !== "string") {
      reject(new TypeError("nodeHttpFetch sends string bodies only"));
      return;
    }
    const body = init?.body ?? undefined;
    const headers = toHeaderRecord(init?.headers);
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    const request = client.request(url, { method: init?.method ?? "GET", headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        try {
          const status = response.statusCode ?? 500;
          const raw = Buffer.concat(chunks);
          const payload = decode(raw, response.headers["content-encoding"] as string | undefined);
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            // The body is already decoded: its encoding and length headers no longer apply.
            if (value === undefined || name === "content-encoding" || name === "content-length") continue;
            for (const item of Array.isArray(value) ? value : [value]) responseHeaders.append(name, item);
          }
          const nullBody = status === 204 || status === 205 || status === 304 || init?.method === "HEAD";
          const result = new Response(nullBody ? null : new Uint8Array(payload), {
            status,
            statusText: response.statusMessage,
            headers: responseHeaders,
          });
          Object.defineProperty(result, "url", { value: url.toString() });
          resolve(result);
        } catch (error) {
          reject(error);
        }
      });
    });
    request.on("error", reject);
    const signal = init?.signal;
    if (signal) {
      if (signal.aborted) request.destroy(new Error("aborted"));
      else signal.addEventListener("abort", () => request.destroy(new Error("aborted")), { once: true });
    }
    if (body !== undefined) request.write(body);
    request.end();
  });
