/**
 * Href identity. Servers may percent-encode the same name differently (`%40` vs `@`), and
 * tsdav compares URLs literally; like vdirsyncer (`storage/dav.py _normalize_href`) each path
 * segment is unquoted and quoted again, and the result is the absolute path.
 */
const SAFE_IN_SEGMENT = /%(40|3A|21|24|26|27|28|29|2A|2B|2C|3B|3D)/g;

function normaliseSegment(segment: string): string {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // Malformed escapes: keep the raw text, encoding it keeps identity stable.
  }
  return encodeURIComponent(decoded).replace(SAFE_IN_SEGMENT, (escape) =>
    String.fromCharCode(parseInt(escape.slice(1), 16)),
  );
}

/** Characters that stay as they are after unquoting and quoting again. */
const ALREADY_NORMAL_PATH = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;

/** Absolute, normalised path of `href` resolved against `base` (an absolute URL). */
export function normaliseHref(params: { href: string; base: string }): string {
  // Fast path for the common case (servers answer with absolute paths of plain names): a
  // listing of 10k members would otherwise parse 10k URLs for nothing.
  if (ALREADY_NORMAL_PATH.test(params.href) && !params.href.includes("/.") && !params.href.startsWith("//")) {
    return params.href;
  }
  const url = new URL(params.href, params.base);
  return url.pathname.split("/").map(normaliseSegment).join("/");
}

/** True when both hrefs name the same resource path (trailing slash ignored). */
export function isSameHref(params: { a: string; b: string; base: string }): boolean {
  const strip = (p: string) => (p.endsWith("/") ? p.slice(0, -1) : p);
  return (
    strip(normaliseHref({ href: params.a, base: params.base })) ===
    strip(normaliseHref({ href: params.b, base: params.base }))
  );
}
