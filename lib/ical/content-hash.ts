/** Hash of {@link normaliseForCompare}: equal for an echo or a cosmetic server rewrite. */
import { createHash } from "node:crypto";
import { normaliseForCompare } from "./normalise-for-compare.ts";

export function contentHash(ical: string): string {
  return createHash("sha256").update(normaliseForCompare(ical)).digest("hex");
}
