/**
 * Per-client rate limits kept in the database: the sign-up flood, password guessing through
 * token creation, and limits that hold across two Prisma clients on one database (as two app
 * processes would use it).
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as tokens from "../../../app/api/v1/tokens/route.ts";
import * as users from "../../../app/api/v1/users/route.ts";
import { useDb } from "../../../lib/db/client.ts";
import { PrismaClient } from "../../../lib/db/generated/client.ts";
import { callRoute } from "../../helpers/api.ts";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db.ts";

const password = "correct horse battery";
let counter = 0;
const freshEmail = (label: string) => `${label}-${++counter}-${Date.now()}@example.test`;

function signUpFrom(client: string, email = freshEmail("flood")) {
  return callRoute(users.POST, {
    method: "POST",
    body: { email, password },
    headers: { "x-forwarded-for": client },
  });
}

describe.each(testDbKinds)("rate limits on %s", (kind) => {
  let testDb: TestDb;
  let second: PrismaClient;

  beforeAll(async () => {
    testDb = await createTestDb(kind);
    second = new PrismaClient({
      adapter:
        kind === "postgres"
          ? new PrismaPg({ connectionString: testDb.url as string })
          : new PrismaPGlite(testDb.pglite as NonNullable<TestDb["pglite"]>),
    });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    useDb(testDb.prisma);
  });
  afterAll(async () => {
    await second.$disconnect();
    await testDb.close();
  });

  it("answers a sign-up flood with 429 rate_limited and Retry-After once the client's limit is used up", async () => {
    vi.stubEnv("CONCORD_RATE_LIMITS", "signup=5/3600");
    const responses = [];
    for (let attempt = 0; attempt < 40; attempt += 1) responses.push(await signUpFrom("203.0.113.10"));
    expect(responses.slice(0, 5).map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const refused = responses.slice(5);
    expect(refused.every((r) => r.status === 429)).toBe(true);
    for (const response of refused) {
      expect(response.body.error.code).toBe("rate_limited");
      const retryAfter = Number(response.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(3600);
    }
    // Only the five accounts exist: refused sign-ups created nothing.
    expect(await testDb.prisma.user.count({ where: { email: { startsWith: "flood-" } } })).toBe(5);
    // Another client is counted on its own.
    expect((await signUpFrom("203.0.113.11")).status).toBe(201);
  });

  it("counts a client that writes its own X-Forwarded-For under its real (last) address", async () => {
    vi.stubEnv("CONCORD_RATE_LIMITS", "signup=2/3600");
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      statuses.push((await signUpFrom(`198.51.100.${attempt}, 203.0.113.20`)).status);
    }
    expect(statuses).toEqual([201, 201, 429, 429]);
  });

  it("holds the limit across two Prisma clients on one database", async () => {
    vi.stubEnv("CONCORD_RATE_LIMITS", "signup=4/3600");
    const statuses = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      useDb(attempt % 2 === 0 ? testDb.prisma : second);
      statuses.push((await signUpFrom("203.0.113.30")).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429, 429, 429]);
  });

  it("limits password attempts per client on token creation, the right password included", async () => {
    vi.stubEnv("CONCORD_RATE_LIMITS", "signin=5/900");
    const email = freshEmail("guess");
    await callRoute(users.POST, {
      method: "POST",
      body: { email, password },
      headers: { "x-forwarded-for": "10.1.1.1" },
    });
    const guess = (attempt: string) =>
      callRoute(tokens.POST, {
        method: "POST",
        body: { email, password: attempt },
        headers: { "x-forwarded-for": "203.0.113.40" },
      });
    const statuses = [];
    for (let attempt = 0; attempt < 7; attempt += 1) statuses.push((await guess(`guess ${attempt}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const right = await guess(password);
    expect(right.status).toBe(429);
    expect(right.headers.get("retry-after")).toMatch(/^\d+$/);
    // The owner, from their own address, is not locked out by the stranger's guesses.
    const owner = await callRoute(tokens.POST, {
      method: "POST",
      body: { email, password },
      headers: { "x-forwarded-for": "192.0.2.50" },
    });
    expect(owner.status).toBe(201);
  });

  it("slows guessing spread over many addresses with a short per-account window", async () => {
    vi.stubEnv("CONCORD_RATE_LIMITS", "account=3/300");
    const email = freshEmail("spread");
    await callRoute(users.POST, {
      method: "POST",
      body: { email, password },
      headers: { "x-forwarded-for": "10.1.1.2" },
    });
    const statuses = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await callRoute(tokens.POST, {
        method: "POST",
        body: { email, password: `wrong ${attempt}` },
        headers: { "x-forwarded-for": `203.0.113.${100 + attempt}` },
      });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get("retry-after"))).toBeLessThanOrEqual(300);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it("limits token creation per client", async () => {
    vi.stubEnv("CONCORD_RATE_LIMITS", "tokens=3/3600");
    const email = freshEmail("tokens");
    await callRoute(users.POST, {
      method: "POST",
      body: { email, password },
      headers: { "x-forwarded-for": "10.1.1.3" },
    });
    const statuses = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      statuses.push(
        (
          await callRoute(tokens.POST, {
            method: "POST",
            body: { email, password },
            headers: { "x-forwarded-for": "203.0.113.60" },
          })
        ).status,
      );
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
  });

  it("starts a new window once the old one has passed", async () => {
    vi.stubEnv("CONCORD_RATE_LIMITS", "signup=1/3600");
    expect((await signUpFrom("203.0.113.70")).status).toBe(201);
    expect((await signUpFrom("203.0.113.70")).status).toBe(429);
    // Age the window in the table itself, as an hour passing would.
    await testDb.prisma.$executeRaw`UPDATE "RateLimitBucket" SET "windowStart" = "windowStart" - interval '2 hours'`;
    expect((await signUpFrom("203.0.113.70")).status).toBe(201);
  });
});
