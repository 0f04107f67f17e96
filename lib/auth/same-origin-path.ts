/**
 * Where to go after signing in: `raw` (a `callbackUrl`) when it names a page of this app, else
 * "/". It is parsed with the WHATWG URL parser against the app's origin, the way the browser
 * will read it, so tricks a prefix check lets through (`/\evil.example`, `/<TAB>/evil.example`,
 * `//evil.example`, `https://evil.example`, `javascript:`) resolve to another origin and are
 * refused. The answer is a path, so it also works when the app is reached under another name.
 */
export function sameOriginPath(raw: string | null | undefined, origin: string): string {
  if (!raw) return "/";
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/.//evil.example` normalises to the path `//evil.example`, which a browser reads as another
  // host: the path must stay on any origin it is resolved against.
  const probe = "http://origin.invalid";
  return new URL(path, probe).origin === probe ? path : "/";
}
