import { createApiToken } from "../../lib/auth/api-tokens.ts";
import { createUser } from "../../lib/auth/create-user.ts";
import type { RouteContext, RouteHandler } from "../../lib/http/route.ts";

/** Calls a route handler the way Next does: a Request and a context whose params resolve. */
export async function callRoute(
  handler: RouteHandler,
  options: {
    method?: string;
    path?: string;
    token?: string;
    /** A session cookie header; such calls come from the app's own origin, as its pages' do. */
    cookie?: string;
    body?: unknown;
    rawBody?: string;
    params?: Record<string, string>;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers = new Headers(options.headers);
  const method = options.method ?? "GET";
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  if (options.cookie) {
    headers.set("cookie", options.cookie);
    if (!headers.has("origin")) headers.set("origin", "http://localhost");
  }
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  // Changes are declared JSON, as the UI's are (the CSRF rule refuses cookie changes without it).
  if ((body !== undefined || method !== "GET") && !headers.has("content-type")) {
    headers.set("content-type", "application/json");
  }
  const request = new Request(`http://localhost${options.path ?? "/"}`, {
    method,
    headers,
    body,
  });
  const context: RouteContext = { params: Promise.resolve(options.params ?? {}) };
  const response = await handler(request, context);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

let counter = 0;

/** A fresh user with an API token, for tests that need a signed-in caller. */
export async function createUserWithToken(label = "user"): Promise<{ userId: string; email: string; token: string }> {
  counter += 1;
  const email = `${label}-${counter}-${Date.now()}@example.test`;
  const user = await createUser({ email, password: "correct horse battery" });
  const { token } = await createApiToken({ userId: user.id, name: "test" });
  return { userId: user.id, email, token };
}
