/**
 * CONCORD_SIGNUP=closed (first account of an empty instance only) and the token rules: no token
 * minted by a token, a session or the password can; expiry (expiresAt / expiresInDays).
 */
import { encode } from "next-auth/jwt";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as tokens from "../../../app/api/v1/tokens/route.ts";
import * as users from "../../../app/api/v1/users/route.ts";
import { callRoute } from "../../helpers/api.ts";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db.ts";

const password = "correct horse battery";
const AUTH_SECRET = "test-auth-secret-for-session-cookies";

async function sessionCookie(userId: string): Promise<string> {
  const jwt = await encode({ token: { sub: userId }, secret: AUTH_SECRET });
  return `next-auth.session-token=${jwt}`;
}

describe.each(testDbKinds)("sign-up control on %s", (kind) => {
  let testDb: TestDb;
  beforeEach(async () => {
    testDb = await createTestDb(kind);
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await testDb.close();
  });

  it("with CONCORD_SIGNUP=closed, creates the first account of an empty instance and refuses the second with 403", async () => {
    vi.stubEnv("CONCORD_SIGNUP", "closed");
    const first = await callRoute(users.POST, { method: "POST", body: { email: "owner@example.test", password } });
    expect(first.status).toBe(201);
    const second = await callRoute(users.POST, { method: "POST", body: { email: "stranger@example.test", password } });
    expect(second.status).toBe(403);
    expect(second.body.error.code).toBe("signup_closed");
    expect(second.body.error.message).toMatch(/closed/i);
    expect(await testDb.prisma.user.count()).toBe(1);
  });

  it("keeps sign-up open by default and with CONCORD_SIGNUP=open", async () => {
    for (const [index, value] of ["", "open"].entries()) {
      vi.stubEnv("CONCORD_SIGNUP", value);
      for (const n of [1, 2]) {
        const response = await callRoute(users.POST, {
          method: "POST",
          body: { email: `p${index}-${n}@example.test`, password },
        });
        expect(response.status).toBe(201);
      }
    }
  });
});

describe.each(testDbKinds)("API token rules on %s", (kind) => {
  let testDb: TestDb;
  let userId: string;
  const email = `tokens-${kind}@example.test`;

  beforeAll(async () => {
    testDb = await createTestDb(kind);
    const created = await callRoute(users.POST, { method: "POST", body: { email, password } });
    userId = created.body.user.id;
  });
  beforeEach(() => {
    vi.stubEnv("AUTH_SECRET", AUTH_SECRET);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  afterAll(async () => {
    await testDb.close();
  });

  it("refuses to mint a token with a token (403), and the refused call creates nothing", async () => {
    const first = await callRoute(tokens.POST, { method: "POST", body: { email, password, name: "script" } });
    expect(first.status).toBe(201);
    const before = await testDb.prisma.apiToken.count({ where: { userId } });
    const minted = await callRoute(tokens.POST, { method: "POST", token: first.body.token, body: { name: "copy" } });
    expect(minted.status).toBe(403);
    expect(minted.body.error.code).toBe("token_cannot_create_tokens");
    expect(minted.body.error.message).toMatch(/token/);
    expect(await testDb.prisma.apiToken.count({ where: { userId } })).toBe(before);
  });

  it("creates tokens with a browser session", async () => {
    const response = await callRoute(tokens.POST, {
      method: "POST",
      body: { name: "from the settings page" },
      cookie: await sessionCookie(userId),
    });
    expect(response.status).toBe(201);
    expect(response.body.token).toMatch(/^cnc_/);
    expect(response.body.expiresAt).toBeNull();
  });

  it("gives a token an expiry, lists it, and answers 401 once it has passed", async () => {
    const created = await callRoute(tokens.POST, {
      method: "POST",
      body: { email, password, name: "short-lived", expiresInDays: 7 },
    });
    expect(created.status).toBe(201);
    const expiresAt = Date.parse(created.body.expiresAt);
    expect(Math.abs(expiresAt - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);
    const listed = await callRoute(tokens.GET, { token: created.body.token });
    expect(listed.status).toBe(200);
    const item = listed.body.items.find((entry: { id: string }) => entry.id === created.body.id);
    expect(Date.parse(item.expiresAt)).toBe(expiresAt);

    // Time passes: the expiry is now behind us.
    await testDb.prisma.apiToken.update({
      where: { id: created.body.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await callRoute(tokens.GET, { token: created.body.token });
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe("unauthorized");
  });

  it("takes an explicit expiresAt and refuses expiries in the past, too far ahead, or both forms at once", async () => {
    const at = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const created = await callRoute(tokens.POST, { method: "POST", body: { email, password, expiresAt: at } });
    expect(created.status).toBe(201);
    expect(created.body.expiresAt).toBe(at);
    for (const body of [
      { expiresAt: "2001-01-01T00:00:00Z" },
      { expiresAt: "not a date" },
      { expiresInDays: 0 },
      { expiresInDays: 1.5 },
      { expiresInDays: 100_000 },
      { expiresAt: at, expiresInDays: 3 },
    ]) {
      const refused = await callRoute(tokens.POST, {
        method: "POST",
        body: { name: "bad", ...body },
        cookie: await sessionCookie(userId),
      });
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(refused.body.error.code).toBe("validation_failed");
    }
  });
});
