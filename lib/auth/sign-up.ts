import { consumeRateLimit } from "./rate-limit.ts";
import { createUser, type PublicUser } from "./create-user.ts";
import { assertSignUpOpen } from "./sign-up-policy.ts";

/**
 * A sign-up from the outside (POST /api/v1/users): counted per client before anything costly
 * (each account costs a bcrypt hash), refused when sign-up is closed, then created.
 */
export async function signUp(params: {
  email: string;
  password: string;
  name?: string | null;
  client: string;
}): Promise<PublicUser> {
  await consumeRateLimit({ scope: "signup", subject: params.client });
  await assertSignUpOpen();
  return createUser({ email: params.email, password: params.password, name: params.name });
}
