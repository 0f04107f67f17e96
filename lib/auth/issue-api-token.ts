/**
 * POST /api/v1/tokens: who may create a token, and until when it lives.
 *
 * Only a password or a browser session can create tokens, never another token: otherwise a
 * leaked token could mint fresh ones, and revoking it would not evict its holder. Every creation
 * counts against the client's `tokens` limit; a password attempt also against `signin`.
 */
import { AppError } from "../errors/app-error.ts";
import { createApiToken } from "./api-tokens.ts";
import { consumeRateLimit } from "./rate-limit.ts";
import { requireUser } from "./require-user.ts";
import { verifyCredentials } from "./verify-credentials.ts";

const MAX_DAYS = 3650;
const DAY_MS = 86_400_000;

export interface TokenRequest {
  email?: string;
  password?: string;
  name?: string;
  /** RFC 3339 instant after which the token stops working. */
  expiresAt?: string;
  /** Or: lifetime in whole days from now. */
  expiresInDays?: number;
}

function tokenExpiry(input: TokenRequest, now: Date): Date | null {
  if (input.expiresAt !== undefined && input.expiresInDays !== undefined) {
    throw new AppError("validation_failed", "Give either expiresAt or expiresInDays, not both.");
  }
  if (input.expiresInDays !== undefined) {
    if (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > MAX_DAYS) {
      throw new AppError("validation_failed", `expiresInDays must be a whole number from 1 to ${MAX_DAYS}.`);
    }
    return new Date(now.getTime() + input.expiresInDays * DAY_MS);
  }
  if (input.expiresAt === undefined) return null;
  const at = new Date(input.expiresAt);
  if (Number.isNaN(at.getTime()) || at.getTime() <= now.getTime() || at.getTime() > now.getTime() + MAX_DAYS * DAY_MS) {
    throw new AppError(
      "validation_failed",
      `expiresAt must be a date and time in the future, at most ${MAX_DAYS} days ahead.`,
    );
  }
  return at;
}

async function tokenOwner(params: { request: Request; input: TokenRequest; client: string }): Promise<string> {
  const { input } = params;
  if (input.email !== undefined || input.password !== undefined) {
    const user = await verifyCredentials({
      email: input.email ?? "",
      password: input.password ?? "",
      client: params.client,
    });
    return user.id;
  }
  const authed = await requireUser(params.request);
  if (authed.via === "token") {
    throw new AppError(
      "token_cannot_create_tokens",
      "An API token cannot create tokens; sign in, or send your email and password.",
    );
  }
  return authed.userId;
}

export async function issueApiToken(params: {
  request: Request;
  input: TokenRequest;
  client: string;
  now?: Date;
}): Promise<{ id: string; token: string; expiresAt: Date | null }> {
  const now = params.now ?? new Date();
  const expiresAt = tokenExpiry(params.input, now);
  await consumeRateLimit({ scope: "tokens", subject: params.client, now });
  const userId = await tokenOwner(params);
  return createApiToken({ userId, name: params.input.name, expiresAt });
}
