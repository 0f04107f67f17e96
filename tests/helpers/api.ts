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
    body?: unknown;
    rawBody?: string;
    params?: Record<string, string>;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers.set("content-type", "application/json");
  const request = new Request(`http://localhost${options.path ?? "/"}`, {
    method: options.method ?? "GET",
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
