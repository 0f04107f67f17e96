import type { z } from "zod";
import { AppError } from "../errors/app-error.ts";
import { errorResponse } from "./error-response.ts";
import { readBodyText } from "./read-body-text.ts";
import { withApiHeaders } from "./with-api-headers.ts";

type Params = Record<string, string | string[]>;
export type RouteContext = { params: Promise<Params> };
export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response> | Response;

const allMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof allMethods)[number];

/**
 * Wraps a route module's handlers: thrown errors become the API's error bodies, every method
 * the module does not implement answers a JSON 405 instead of Next's empty one, and every
 * answer carries the API's security headers.
 * Usage: `export const { GET, POST, PUT, PATCH, DELETE } = routes({ POST: handler })`.
 */
export function routes(handlers: Partial<Record<Method, RouteHandler>>): Record<Method, RouteHandler> {
  const allowed = allMethods.filter((method) => handlers[method]).join(", ");
  const wrapped = {} as Record<Method, RouteHandler>;
  for (const method of allMethods) {
    const handler = handlers[method];
    wrapped[method] = handler
      ? async (request, context) => {
          try {
            return withApiHeaders(await handler(request, context));
          } catch (error) {
            return withApiHeaders(errorResponse(error));
          }
        }
      : () =>
          withApiHeaders(
            Response.json(
              { error: { code: "method_not_allowed", message: `${method} is not supported here; use ${allowed}.` } },
              { status: 405, headers: { Allow: allowed } },
            ),
          );
  }
  return wrapped;
}

/**
 * Parses the JSON body with `schema`: 413 over the body limit (read-body-text.ts), 400 for
 * malformed JSON, 422 (ZodError) for invalid values.
 */
export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  const text = await readBodyText(request);
  let raw: unknown;
  try {
    raw = text ? JSON.parse(text) : {};
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON.");
  }
  return schema.parse(raw);
}

/** A single route parameter as a string. */
export async function param(context: RouteContext, name: string): Promise<string> {
  const value = (await context.params)[name];
  return Array.isArray(value) ? value.join("/") : (value ?? "");
}
