/**
 * The one way the browser UI calls /api/v1: JSON in and out, and every refusal becomes an
 * `ApiError` carrying the API's own code and human message (docs/api.md "Errors").
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(params: { status: number; code: string; message: string }) {
    super(params.message);
    this.name = "ApiError";
    this.status = params.status;
    this.code = params.code;
  }
}

export interface ApiFetchParams {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  headers?: Record<string, string>;
}

export async function apiFetch<T>(path: string, params: ApiFetchParams = {}): Promise<T> {
  const method = params.method ?? "GET";
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        // The server refuses cookie-authenticated changes that are not declared JSON (its CSRF
        // rule), so every change says so, even one without a body (DELETE, confirm-deletions).
        ...(params.body !== undefined || method !== "GET" ? { "content-type": "application/json" } : {}),
        ...params.headers,
      },
      body: params.body !== undefined ? JSON.stringify(params.body) : undefined,
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: "network_error",
      message: "Concord could not be reached. Check your connection.",
    });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError({
      status: response.status,
      code: error?.code ?? `http_${response.status}`,
      message: error?.message ?? `The server answered ${response.status}.`,
    });
  }
  return body as T;
}

/** A sentence for a person from anything thrown by apiFetch (or elsewhere). */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return "Something went wrong. Try again.";
}
