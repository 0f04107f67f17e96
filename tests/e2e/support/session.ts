/**
 * A session cookie without a browser: next-auth's own sign-in (its CSRF token, then the
 * credentials callback), as the sign-in form does it. `sessionHeaders` are those the app's own
 * pages send with a change: the cookie, a same-origin `Origin` and a JSON content type (the
 * server's CSRF rule refuses cookie-authenticated changes without them).
 */
function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0] as string);
}

export async function signUpOverHttp(params: { baseUrl: string; email: string; password: string }): Promise<void> {
  const response = await fetch(`${params.baseUrl}/api/v1/users`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: params.email, password: params.password }),
  });
  if (response.status !== 201) throw new Error(`sign-up -> ${response.status}: ${await response.text()}`);
}

/** Signs in with next-auth's credentials callback; returns the JSON answer and the cookies set. */
export async function credentialsSignIn(params: {
  baseUrl: string;
  email: string;
  password: string;
  callbackUrl?: string;
}): Promise<{ status: number; url: string | null; cookies: string[] }> {
  const csrf = await fetch(`${params.baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email: params.email, password: params.password, json: "true" });
  if (params.callbackUrl !== undefined) form.set("callbackUrl", params.callbackUrl);
  const response = await fetch(`${params.baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; ") },
    body: form,
  });
  const text = await response.text();
  const url = response.headers.get("content-type")?.includes("json")
    ? ((JSON.parse(text) as { url?: string }).url ?? null)
    : response.headers.get("location");
  return { status: response.status, url, cookies: cookiesOf(response) };
}

/** The session cookie header of a signed-in person. */
export async function signInOverHttp(params: { baseUrl: string; email: string; password: string }): Promise<string> {
  const { cookies } = await credentialsSignIn(params);
  const session = cookies.filter((cookie) => cookie.includes("session-token"));
  if (!session.length) throw new Error("sign-in set no session cookie");
  return session.join("; ");
}

export function sessionHeaders(params: { baseUrl: string; cookie: string }): Record<string, string> {
  return { cookie: params.cookie, origin: new URL(params.baseUrl).origin, "content-type": "application/json" };
}
