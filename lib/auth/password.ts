import bcrypt from "bcryptjs";
import { AppError } from "../errors/app-error.ts";

// bcrypt cost 11: ~100 ms per hash in pure JS on these machines; bcrypt-class, per OWASP (>= 10).
const COST = 11;
export const MIN_PASSWORD_LENGTH = 8;

export function assertPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("weak_password", `Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  // bcrypt reads only the first 72 bytes: refuse longer ones instead of silently ignoring the rest.
  if (Buffer.byteLength(password, "utf8") > 72) {
    throw new AppError("weak_password", "Passwords can be at most 72 bytes long.");
  }
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
