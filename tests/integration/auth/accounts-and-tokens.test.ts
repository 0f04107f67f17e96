import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tokens from "../../../app/api/v1/tokens/route.ts";
import * as tokenById from "../../../app/api/v1/tokens/[id]/route.ts";
import * as users from "../../../app/api/v1/users/route.ts";
import { callRoute } from "../../helpers/api.ts";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db.ts";

describe.each(testDbKinds)("accounts and API tokens on %s", (kind) => {
  let testDb: TestDb;
  const email = `ada-${kind}@example.test`;
  const password = "analytical engine";

  beforeAll(async () => {
    testDb = await createTestDb(kind);
  });
  afterAll(async () => {
    await testDb.close();
  });

  it("signs up a user and never returns the password hash", async () => {
    const response = await callRoute(users.POST, { method: "POST", body: { email, password, name: "Ada" } });
    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({ email, name: "Ada" });
    expect(typeof response.body.user.id).toBe("string");
    expect(JSON.stringify(response.body)).not.toMatch(/hash|\$2[aby]\$/);
    const stored = await testDb.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(stored.passwordHash).toMatch(/^\$2[aby]\$/);
    expect(stored.passwordHash).not.toContain(password);
  });

  it("refuses a second account with the same email (any case) with 409", async () => {
    const response = await callRoute(users.POST, { method: "POST", body: { email: email.toUpperCase(), password } });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("email_taken");
  });

  it("refuses a weak password with 422 and a malformed body with 400", async () => {
    const weak = await callRoute(users.POST, { method: "POST", body: { email: `w-${email}`, password: "short" } });
    expect(weak.status).toBe(422);
    expect(weak.body.error.code).toBe("weak_password");
    const invalidEmail = await callRoute(users.POST, { method: "POST", body: { email: "not-an-email", password } });
    expect(invalidEmail.status).toBe(422);
    const malformed = await callRoute(users.POST, { method: "POST", rawBody: "{not json" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("invalid_json");
  });

  it("creates a token with email + password, uses it, then revokes it", async () => {
    const created = await callRoute(tokens.POST, { method: "POST", body: { email, password, name: "script" } });
    expect(created.status).toBe(201);
    const { token, id } = created.body;
    expect(token).toMatch(/^cnc_/);
    const stored = await testDb.prisma.apiToken.findUniqueOrThrow({ where: { id } });
    expect(stored.tokenHash).not.toBe(token);

    const listed = await callRoute(tokens.GET, { token });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(id);
    expect(JSON.stringify(listed.body)).not.toContain(token);

    const revoked = await callRoute(tokenById.DELETE, { method: "DELETE", token, params: { id } });
    expect(revoked.status).toBe(204);
    const afterRevoke = await callRoute(tokens.GET, { token });
    expect(afterRevoke.status).toBe(401);
  });

  it("answers 401 without a token, with a garbage token, and for a wrong password", async () => {
    expect((await callRoute(tokens.GET)).status).toBe(401);
    expect((await callRoute(tokens.GET, { token: "cnc_not-a-real-token" })).status).toBe(401);
    const wrong = await callRoute(tokens.POST, { method: "POST", body: { email, password: "wrong password" } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).not.toContain("wrong password");
  });

  it("gives a second user 404 on the first user's token id", async () => {
    const first = await callRoute(tokens.POST, { method: "POST", body: { email, password } });
    const otherEmail = `grace-${kind}@example.test`;
    await callRoute(users.POST, { method: "POST", body: { email: otherEmail, password } });
    const other = await callRoute(tokens.POST, { method: "POST", body: { email: otherEmail, password } });
    const response = await callRoute(tokenById.DELETE, {
      method: "DELETE",
      token: other.body.token,
      params: { id: first.body.id },
    });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("not_found");
    // The first user's token still works.
    expect((await callRoute(tokens.GET, { token: first.body.token })).status).toBe(200);
  });

  it("answers a JSON 405 for a method a route does not support", async () => {
    const response = await callRoute(users.DELETE, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.body.error.code).toBe("method_not_allowed");
    expect(response.headers.get("allow")).toBe("POST");
  });
});
