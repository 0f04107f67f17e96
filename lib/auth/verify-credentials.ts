import { AppError } from "../errors/app-error.ts";
import { db } from "../db/client.ts";
import { normaliseEmail, type PublicUser } from "./create-user.ts";
import { verifyPassword } from "./password.ts";
import { consumeAttempt, resetAttempts } from "./rate-limit.ts";

// Compared against when the email is unknown, so both cases take the same time.
const DUMMY_HASH = "$2b$11$C6UzMDM.H6dfI/f/IKxGhuJfQHp.N4wTE0X7Vo9pCg8Nq1P5t0E6K";

/** Email + password check shared by browser sign-in and token creation; rate-limited per email. */
export async function verifyCredentials(params: { email: string; password: string }): Promise<PublicUser> {
  const email = normaliseEmail(params.email);
  consumeAttempt(`credentials:${email}`);
  const user = await db().user.findUnique({ where: { email } });
  const ok = await verifyPassword(params.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !ok) {
    throw new AppError("unauthorized", "Email or password is wrong.");
  }
  resetAttempts(`credentials:${email}`);
  return { id: user.id, email: user.email, name: user.name };
}
