import { AppError } from "../errors/app-error.ts";

const defaultMaxBodyBytes = 1024 * 1024;

/** The largest request body the API reads: `CONCORD_MAX_BODY_BYTES`, else 1 MiB. */
export function maxBodyBytes(): number {
  const configured = Number(process.env.CONCORD_MAX_BODY_BYTES);
  return Number.isSafeInteger(configured) && configured > 0 ? configured : defaultMaxBodyBytes;
}

function payloadTooLarge(limit: number): AppError {
  return new AppError(
    "payload_too_large",
    `The request body is larger than this server accepts (${Math.floor(limit / 1024)} KiB).`,
    { status: 413 },
  );
}

/**
 * The request body as text, refusing anything over `limit` bytes with 413 `payload_too_large`
 * before it is held in memory: a declared Content-Length is checked first, and a body without
 * one (chunked) is counted while it streams in, so a client that lies or never ends is cut off
 * at the limit. Hand-written because `Request.text()` has no limit at all.
 */
export async function readBodyText(request: Request, limit = maxBodyBytes()): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw payloadTooLarge(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Stop reading: the rest of the body is discarded by the server, never buffered here.
      await reader.cancel().catch(() => undefined);
      throw payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
