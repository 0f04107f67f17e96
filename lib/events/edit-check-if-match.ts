import { AppError } from "../errors/app-error.ts";

/**
 * The etag API.md exposes for an event is Concord's own version token, `"<version>"`: it
 * changes on every local edit and every applied remote change, so a client's If-Match tells
 * whether it edited the version it saw (RFC 9110 §13.1.1). Weak and unquoted forms compare equal.
 */
export function apiEtagOf(event: { version: number }): string {
  return `"${event.version}"`;
}

export function checkIfMatch(params: { event: { version: number }; ifMatch: string | null | undefined }): void {
  const header = params.ifMatch?.trim();
  if (!header || header === "*") return;
  const current = String(params.event.version);
  const matches = header
    .split(",")
    .map((tag) =>
      tag
        .trim()
        .replace(/^W\//i, "")
        .replace(/^"(.*)"$/, "$1"),
    )
    .some((tag) => tag === current);
  if (!matches) {
    throw new AppError("precondition_failed", "The event changed since it was read; reload it and try again.", {
      details: { etag: apiEtagOf(params.event) },
    });
  }
}
