/**
 * Who a Google sign-in signs in as (lib/auth/resolve-google-sign-in.ts), on both databases; the
 * browser round trip against the Google fake is in tests/e2e/account-security.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createUser } from "../../../lib/auth/create-user.ts";
import { hasGoogleSignIn, resolveGoogleSignIn } from "../../../lib/auth/resolve-google-sign-in.ts";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db.ts";

let counter = 0;
const fresh = () => {
  counter += 1;
  return { googleId: `google-sub-${counter}-${Date.now()}`, email: `person-${counter}-${Date.now()}@example.test` };
};

describe.each(testDbKinds)("Google sign-in on %s", (kind) => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  afterAll(async () => {
    await testDb.close();
  });

  it("never joins an existing password account with the same email", async () => {
    const { googleId, email } = fresh();
    const owner = await createUser({ email, password: "correct horse battery" });
    const outcome = await resolveGoogleSignIn({ googleId, email: email.toUpperCase(), emailVerified: true });
    expect(outcome).toEqual({ refused: "GoogleAccountExists" });
    expect(await hasGoogleSignIn({ userId: owner.id })).toBe(false);
  });

  it("links when the signed-in owner asked, and signs in to that account from then on", async () => {
    const { googleId, email } = fresh();
    const owner = await createUser({ email, password: "correct horse battery" });
    expect(await resolveGoogleSignIn({ googleId, email, emailVerified: true, linkForUserId: owner.id })).toEqual({
      userId: owner.id,
    });
    expect(await hasGoogleSignIn({ userId: owner.id })).toBe(true);
    expect(await resolveGoogleSignIn({ googleId, email, emailVerified: true })).toEqual({ userId: owner.id });
  });

  it("refuses to link a Google identity another account already uses", async () => {
    const { googleId, email } = fresh();
    const first = await createUser({ email, password: "correct horse battery" });
    await resolveGoogleSignIn({ googleId, email, emailVerified: true, linkForUserId: first.id });
    const other = await createUser({ email: fresh().email, password: "correct horse battery" });
    expect(await resolveGoogleSignIn({ googleId, email, emailVerified: true, linkForUserId: other.id })).toEqual({
      refused: "GoogleLinkedElsewhere",
    });
  });

  it("creates a new account for a new verified Google identity, and refuses unverified addresses", async () => {
    const { googleId, email } = fresh();
    expect(await resolveGoogleSignIn({ googleId, email, emailVerified: false })).toEqual({
      refused: "GoogleEmailUnverified",
    });
    const outcome = await resolveGoogleSignIn({ googleId, email, emailVerified: true, name: "New Person" });
    expect("userId" in outcome).toBe(true);
    const user = await testDb.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.passwordHash).toBeNull();
    expect(outcome).toEqual({ userId: user.id });
  });

  it("adopts an account an earlier Google sign-in created (no password, not yet linked)", async () => {
    const { googleId, email } = fresh();
    const earlier = await testDb.prisma.user.create({ data: { email } });
    expect(await resolveGoogleSignIn({ googleId, email, emailVerified: true })).toEqual({ userId: earlier.id });
    // Another Google identity with that address is not the same person: refused.
    expect(await resolveGoogleSignIn({ googleId: `${googleId}-other`, email, emailVerified: true })).toEqual({
      refused: "GoogleAccountExists",
    });
  });

  it("refuses new accounts by Google sign-in while sign-up is closed", async () => {
    vi.stubEnv("CONCORD_SIGNUP", "closed");
    const { googleId, email } = fresh();
    expect(await resolveGoogleSignIn({ googleId, email, emailVerified: true })).toEqual({ refused: "SignupClosed" });
    expect(await testDb.prisma.user.count({ where: { email } })).toBe(0);
  });
});
