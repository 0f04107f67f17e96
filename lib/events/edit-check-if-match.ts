import { AppError } from "../errors/app-error.ts";
import { eventEtag } from "./serialize-event.ts";

/**
 * If-Match against Concord's own etag of the event (serialize-event.ts, the row's version):
 * a client's edit applies only to the version it saw (RFC 9110 §13.1.1). Weak and unquoted
 * forms compare equal; `*` and no header always match.
 */
export function checkIfMatch(params: { event: { version: number }; ifMatch: string | null | undefined }): void {
  const header = params.ifMatch?.trim();
  if (!header || header === "*") return;
  const bare = (tag: string) =>
    tag
      .trim()
      .replace(/^W\//i, "")
      .replace(/^"(.*)"$/, "$1");
  const current = bare(eventEtag(params.event));
  if (!header.split(",").some((tag) => bare(tag) === current)) {
    throw new AppError("precondition_failed", "The event changed since it was read; reload it and try again.", {
      details: { etag: eventEtag(params.event) },
    });
  }
}
