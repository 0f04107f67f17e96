/**
 * Per-client limit of password sign-ins, counted before next-auth runs: next-auth turns every
 * error of `authorize` into a redirect, so only the route can answer a real 429 with
 * Retry-After. The body also carries `url` like next-auth's own JSON answers, so the browser's
 * `signIn()` reads the refusal as its `error` (the message) instead of failing to parse it.
 */
import { AppError } from "../errors/app-error.ts";
import { clientAddress } from "./client-address.ts";
import { consumeRateLimit } from "./rate-limit.ts";

export async function limitCredentialsSignIn(request: Request): Promise<Response | null> {
  if (request.method !== "POST" || !new URL(request.url).pathname.endsWith("/callback/credentials")) return null;
  try {
    await consumeRateLimit({ scope: "signin", subject: clientAddress(request.headers) });
    return null;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "rate_limited") throw error;
    const retryAfter = String(error.details?.retryAfter ?? 60);
    const errorPage = new URL("/api/auth/error", request.url);
    errorPage.searchParams.set("error", error.message);
    return Response.json(
      { url: errorPage.toString(), error: { code: error.code, message: error.message, details: error.details } },
      { status: 429, headers: { "Retry-After": retryAfter } },
    );
  }
}
