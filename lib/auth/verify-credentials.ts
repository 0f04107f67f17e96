import { AppError } from "../errors/app-error.ts";
import { db } from "../db/client.ts";
import { normaliseEmail, type PublicUser } from "./create-user.ts";
import { verifyPassword } from "./password.ts";
import { assertWithinRateLimit, consumeRateLimit, recordRateLimitHit } from "./rate-limit.ts";

// Compared against when the email is unknown, so both cases take the same time.
const DUMMY_HASH = "$2b$11$C6UzMDM.H6dfI/f/IKxGhuJfQHp.N4wTE0X7Vo9pCg8Nq1P5t0E6K";

/**
 * Email + password check shared by browser sign-in and token creation. Every attempt counts
 * against the client's `signin` limit (when `client` is given; the sign-in route counts it
 * before next-auth runs); wrong passwords also count against the account's short `account`
 * window, which only slows guessing spread over many addresses.
 */
export async function verifyCredentials(params: {
  email: string;
  password: string;
  client?: string;
}): Promise<PublicUser> {
  const email = normaliseEmail(params.email);
  if (params.client !== undefined) await consumeRateLimit({ scope: "signin", subject: params.client });
  await assertWithinRateLimit({ scope: "account", subject: email });
  const user = await db().user.findUnique({ where: { email } });
  const ok = await verifyPassword(params.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !ok) {
    await recordRateLimitHit({ scope: "account", subject: email });
    throw new AppError("unauthorized", "Email or password is wrong.");
  }
  return { id: user.id, email: user.email, name: user.name };
}
