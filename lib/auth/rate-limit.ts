/**
 * Attempt counters kept in the database (table "RateLimitBucket"), so that every app process
 * counts against the same window: a fixed window per key, advanced by one atomic upsert.
 * Keys are sha256 hashes of scope + subject, so neither addresses nor emails are stored.
 */
import { createHash } from "node:crypto";
import { db } from "../db/client.ts";
import { AppError } from "../errors/app-error.ts";
import { rateLimitRule, type RateLimitRule, type RateLimitScope } from "./rate-limit-rules.ts";

export interface RateLimitTarget {
  scope: RateLimitScope;
  /** Who is counted: a client address, or an account's normalised email. */
  subject: string;
  now?: Date;
}

function bucketKey(target: RateLimitTarget): string {
  return createHash("sha256").update(`${target.scope}\n${target.subject}`).digest("hex");
}

function refusal(rule: RateLimitRule, startMs: number, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((startMs + rule.windowMs - now.getTime()) / 1000));
  return new AppError("rate_limited", `Too many attempts; try again in ${seconds} s.`, {
    details: { retryAfter: seconds },
  });
}

/** Adds one attempt and returns the window's count and start (epoch ms). */
async function hit(
  target: RateLimitTarget,
  rule: RateLimitRule,
  now: Date,
): Promise<{ count: number; startMs: number }> {
  const key = bucketKey(target);
  // ISO text cast to timestamp: the column holds UTC without a zone, whatever the session zone.
  const nowText = now.toISOString();
  const cutoffText = new Date(now.getTime() - rule.windowMs).toISOString();
  const [row] = await db().$queryRaw<{ count: number; startMs: number }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES (${key}, ${nowText}::timestamp, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."windowStart" <= ${cutoffText}::timestamp
                THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" <= ${cutoffText}::timestamp
                THEN ${nowText}::timestamp ELSE "RateLimitBucket"."windowStart" END
    RETURNING "count", (extract(epoch FROM "windowStart") * 1000)::float8 AS "startMs"`;
  await pruneOccasionally(now);
  return { count: Number(row?.count ?? 1), startMs: Number(row?.startMs ?? now.getTime()) };
}

/** Counts one attempt; throws 429 `rate_limited` (with `details.retryAfter`) past the limit. */
export async function consumeRateLimit(target: RateLimitTarget): Promise<void> {
  const rule = rateLimitRule(target.scope);
  if (!rule) return;
  const now = target.now ?? new Date();
  const { count, startMs } = await hit(target, rule, now);
  if (count > rule.limit) throw refusal(rule, startMs, now);
}

/** Counts one attempt without refusing it (failed passwords per account). */
export async function recordRateLimitHit(target: RateLimitTarget): Promise<void> {
  const rule = rateLimitRule(target.scope);
  if (rule) await hit(target, rule, target.now ?? new Date());
}

/** Throws 429 when the window of `target` is already full; counts nothing. */
export async function assertWithinRateLimit(target: RateLimitTarget): Promise<void> {
  const rule = rateLimitRule(target.scope);
  if (!rule) return;
  const now = target.now ?? new Date();
  const cutoffText = new Date(now.getTime() - rule.windowMs).toISOString();
  const [row] = await db().$queryRaw<{ count: number; startMs: number }[]>`
    SELECT "count", (extract(epoch FROM "windowStart") * 1000)::float8 AS "startMs"
    FROM "RateLimitBucket" WHERE "key" = ${bucketKey(target)} AND "windowStart" > ${cutoffText}::timestamp`;
  if (row && Number(row.count) >= rule.limit) throw refusal(rule, Number(row.startMs), now);
}

// Expired buckets are dead weight; about one call in 200 sweeps those older than a day (longer
// than any sensible window), so no scheduled job is needed for a table this small.
async function pruneOccasionally(now: Date): Promise<void> {
  if (Math.random() >= 1 / 200) return;
  const cutoffText = new Date(now.getTime() - 86_400_000).toISOString();
  await db().$executeRaw`DELETE FROM "RateLimitBucket" WHERE "windowStart" < ${cutoffText}::timestamp`;
}
