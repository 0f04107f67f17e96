/**
 * Resolves an href from a multistatus against the collection and applies the host policy: an
 * href on a host that may not see the credentials is skipped (and reported), never fetched.
 */
import type { HostPolicy } from "./host-policy.ts";
import { normaliseHref } from "./normalise-href.ts";

export interface MemberLocation {
  /** Identity: normalised absolute path. */
  ref: string;
  /** Absolute URL to address the member with. */
  url: string;
}

export function resolveMember(params: {
  href: string;
  collectionUrl: string;
  hostPolicy: HostPolicy;
  logError?: (message: string) => void;
}): MemberLocation | null {
  let url: URL;
  try {
    url = new URL(params.href, params.collectionUrl);
  } catch {
    params.logError?.(`skipped an unparseable href in a CalDAV response`);
    return null;
  }
  if (!params.hostPolicy.isAllowed(url)) {
    params.logError?.(`skipped an href on a foreign host ${url.protocol}//${url.host}`);
    return null;
  }
  const ref = normaliseHref({ href: url.href, base: params.collectionUrl });
  return { ref, url: new URL(ref, url).href };
}

/** True when the href names the collection itself (servers may list it in a REPORT). */
export function isCollectionHref(params: { href: string; collectionUrl: string }): boolean {
  const strip = (p: string) => (p.endsWith("/") ? p.slice(0, -1) : p);
  return (
    strip(normaliseHref({ href: params.href, base: params.collectionUrl })) ===
    strip(normaliseHref({ href: params.collectionUrl, base: params.collectionUrl }))
  );
}
