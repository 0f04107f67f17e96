import { AppError } from "../errors/app-error.ts";
import { db } from "../db/client.ts";
import { assertPasswordStrength, hashPassword } from "./password.ts";

export interface PublicUser {
  id: string;
  email: string;
  name: string | null;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createUser(params: {
  email: string;
  password: string;
  name?: string | null;
}): Promise<PublicUser> {
  const email = normaliseEmail(params.email);
  assertPasswordStrength(params.password);
  const existing = await db().user.findUnique({ where: { email }, select: { id: true } });
  if (existing) throw new AppError("email_taken", "An account with this email already exists.");
  const passwordHash = await hashPassword(params.password);
  try {
    return await db().user.create({
      data: { email, name: params.name ?? null, passwordHash },
      select: { id: true, email: true, name: true },
    });
  } catch (error) {
    // Two sign-ups racing for one address: the unique index decides.
    if ((error as { code?: string }).code === "P2002") {
      throw new AppError("email_taken", "An account with this email already exists.");
    }
    throw error;
  }
}
