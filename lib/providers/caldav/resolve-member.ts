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
  const { href, collectionUrl } = params;
  // An absolute path stays on the collection's own host, which the request already used.
  if (href.startsWith("/") && !href.startsWith("//")) {
    const ref = normaliseHref({ href, base: collectionUrl });
    return { ref, url: `${originOf(collectionUrl)}${ref}` };
  }
  let url: URL;
  try {
    url = new URL(href, collectionUrl);
  } catch {
    params.logError?.(`skipped an unparseable href in a CalDAV response`);
    return null;
  }
  if (!params.hostPolicy.isAllowed(url)) {
    params.logError?.(`skipped an href on a foreign host ${url.protocol}//${url.host}`);
    return null;
  }
  const ref = normaliseHref({ href: url.href, base: collectionUrl });
  return { ref, url: `${url.origin}${ref}` };
}

const origins = new Map<string, string>();

function originOf(url: string): string {
  let origin = origins.get(url);
  if (origin === undefined) {
    origin = new URL(url).origin;
    if (origins.size > 1000) origins.clear();
    origins.set(url, origin);
  }
  return origin;
}

/** True when the href names the collection itself (servers may list it in a REPORT). */
export function isCollectionHref(params: { href: string; collectionUrl: string }): boolean {
  const strip = (p: string) => (p.endsWith("/") ? p.slice(0, -1) : p);
  return (
    strip(normaliseHref({ href: params.href, base: params.collectionUrl })) ===
    strip(collectionPathOf(params.collectionUrl))
  );
}

const collectionPaths = new Map<string, string>();

function collectionPathOf(url: string): string {
  let path = collectionPaths.get(url);
  if (path === undefined) {
    path = normaliseHref({ href: url, base: url });
    if (collectionPaths.size > 1000) collectionPaths.clear();
    collectionPaths.set(url, path);
  }
  return path;
}
