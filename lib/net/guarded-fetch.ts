/**
 * guardedRequest behind the `fetch` signature, for code that takes a fetch (tsdav's discovery
 * and the CalDAV transport). Redirects are not followed but returned, as with
 * `redirect: "manual"`: tsdav reads the well-known Location itself, and the CalDAV transport
 * decides which hosts may receive credentials. The body is already whole and decompressed.
 */
import { guardedRequest, type GuardedRequestParams } from "./guarded-request.ts";

function toHeaderRecord(headers: HeadersInit | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  new Headers(headers).forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

export function createGuardedFetch(
  options: Pick<GuardedRequestParams, "limits" | "resolve" | "isOperatorEndpoint"> = {},
): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    // OAuth token requests come as URLSearchParams; fetch would add their content type itself.
    const isForm = init?.body instanceof URLSearchParams;
    const body = isForm ? String(init?.body) : init?.body;
    if (body != null && typeof body !== "string") {
      throw new TypeError("guardedFetch sends string bodies only");
    }
    const method = (init?.method ?? "GET").toUpperCase();
    const response = await guardedRequest({
      ...options,
      url,
      method,
      headers: {
        ...(isForm ? { "content-type": "application/x-www-form-urlencoded;charset=UTF-8" } : {}),
        ...toHeaderRecord(init?.headers),
      },
      body: body ?? undefined,
      signal: init?.signal ?? undefined,
    });
    const hasNullBody = [204, 205, 304].includes(response.status) || method === "HEAD";
    const result = new Response(hasNullBody ? null : new Uint8Array(response.body), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    Object.defineProperty(result, "url", { value: response.url });
    return result;
  };
}

export const guardedFetch: typeof fetch = createGuardedFetch();
