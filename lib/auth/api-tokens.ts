import { createHash, randomBytes } from "node:crypto";
import { AppError, notFound } from "../errors/app-error.ts";
import { db } from "../db/client.ts";

const TOKEN_PREFIX = "cnc_";

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new API token: returned once, stored only as its sha256. */
export async function createApiToken(params: {
  userId: string;
  name?: string | null;
  /** After this instant the token answers 401; null/absent = no expiry. */
  expiresAt?: Date | null;
}): Promise<{ id: string; token: string; expiresAt: Date | null }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const row = await db().apiToken.create({
    data: {
      userId: params.userId,
      name: params.name ?? null,
      tokenHash: hashApiToken(token),
      prefix: token.slice(0, 10),
      expiresAt: params.expiresAt ?? null,
    },
    select: { id: true, expiresAt: true },
  });
  return { id: row.id, token, expiresAt: row.expiresAt };
}

export async function listApiTokens(params: { userId: string }) {
  return db().apiToken.findMany({
    where: { userId: params.userId },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}

/** Revokes (deletes) a token of this user; another user's id answers 404. */
export async function revokeApiToken(params: { userId: string; id: string }): Promise<void> {
  const { count } = await db().apiToken.deleteMany({ where: { id: params.id, userId: params.userId } });
  if (count === 0) throw notFound("Token");
}

/** The user id a Bearer token belongs to, or null (unknown, revoked or expired). */
export async function userIdForApiToken(token: string, now = new Date()): Promise<string | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db().apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: { id: true, userId: true, lastUsedAt: true, expiresAt: true },
  });
  if (!row) return null;
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return null;
  // Touch at most once a minute: a busy script should not write on every request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return row.userId;
}

export function assertTokenName(name: unknown): void {
  if (name !== undefined && name !== null && (typeof name !== "string" || name.length > 100)) {
    throw new AppError("validation_failed", "Token names are text of at most 100 characters.");
  }
}
