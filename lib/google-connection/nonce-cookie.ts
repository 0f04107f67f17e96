/** The nonce cookie of the consent flow: httpOnly, Lax (sent on Google's top-level redirect back). */
export function nonceCookie(params: { name: string; value: string; maxAgeSeconds: number; secure: boolean }): string {
  return [
    `${params.name}=${encodeURIComponent(params.value)}`,
    "Path=/api/connect/google",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${params.maxAgeSeconds}`,
    ...(params.secure ? ["Secure"] : []),
  ].join("; ");
}
