/**
 * The cookies of a request by name (RFC 6265 section 5.4). A value that is not valid
 * percent-encoding is kept as sent instead of throwing: a malformed cookie must end as "not
 * signed in", never as a 500.
 */
export function parseCookies(request: Request): Record<string, string> {
  // No prototype: a cookie named `__proto__` or `constructor` is just a name.
  const cookies: Record<string, string> = Object.create(null);
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator <= 0) continue;
    const name = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (!name || name in cookies) continue;
    cookies[name] = safeDecode(value);
  }
  return cookies;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
