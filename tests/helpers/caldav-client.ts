/**
 * Plain-fetch CalDAV calls that play "another client" (the person's phone) in tests, plus the
 * process plumbing shared by the Radicale and Xandikos helpers.
 */
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export interface ClientAuth {
  username: string;
  password: string;
}

export function basicAuthHeader(auth: ClientAuth | undefined): Record<string, string> {
  if (!auth) return {};
  return { Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}` };
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls until the server answers any HTTP status (it is listening), or fails with its stderr. */
export async function waitForHttp(params: {
  url: string;
  child: ChildProcess;
  describe: () => string;
  timeoutMs?: number;
}): Promise<void> {
  const deadline = Date.now() + (params.timeoutMs ?? 20_000);
  while (Date.now() < deadline) {
    if (params.child.exitCode !== null) {
      throw new Error(`server exited with ${params.child.exitCode}: ${params.describe()}`);
    }
    try {
      const response = await fetch(params.url, { method: "OPTIONS" });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`server at ${params.url} did not answer in time: ${params.describe()}`);
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

/** MKCALENDAR (RFC 4791 §5.3.1) restricted to VEVENT unless `components` says otherwise. */
export async function makeCalendar(params: {
  url: string;
  auth?: ClientAuth;
  displayName?: string;
  color?: string;
  components?: string[];
}): Promise<void> {
  const comps = (params.components ?? ["VEVENT"]).map((c) => `<C:comp name="${c}"/>`).join("");
  const body =
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:A="http://apple.com/ns/ical/">` +
    `<D:set><D:prop>` +
    (params.displayName ? `<D:displayname>${params.displayName}</D:displayname>` : "") +
    (params.color ? `<A:calendar-color>${params.color}</A:calendar-color>` : "") +
    `<C:supported-calendar-component-set>${comps}</C:supported-calendar-component-set>` +
    `</D:prop></D:set></C:mkcalendar>`;
  const response = await fetch(params.url, {
    method: "MKCALENDAR",
    headers: { "Content-Type": "application/xml; charset=utf-8", ...basicAuthHeader(params.auth) },
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`MKCALENDAR ${params.url} -> ${response.status}: ${text.slice(0, 300)}`);
}

/** PUT as another client; returns the new ETag (null when the server sent none). */
export async function putObject(params: {
  url: string;
  ical: string;
  auth?: ClientAuth;
  ifMatch?: string;
}): Promise<string | null> {
  const headers: Record<string, string> = {
    "Content-Type": "text/calendar; charset=utf-8",
    ...basicAuthHeader(params.auth),
  };
  if (params.ifMatch) headers["If-Match"] = params.ifMatch;
  const response = await fetch(params.url, { method: "PUT", headers, body: params.ical });
  const text = await response.text();
  if (!response.ok) throw new Error(`PUT ${params.url} -> ${response.status}: ${text.slice(0, 300)}`);
  return response.headers.get("etag");
}

export async function deleteObject(params: { url: string; auth?: ClientAuth }): Promise<void> {
  const response = await fetch(params.url, { method: "DELETE", headers: basicAuthHeader(params.auth) });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`DELETE ${params.url} -> ${response.status}`);
}

export async function getObject(params: {
  url: string;
  auth?: ClientAuth;
}): Promise<{ status: number; etag: string | null; body: string }> {
  const response = await fetch(params.url, { headers: basicAuthHeader(params.auth) });
  return { status: response.status, etag: response.headers.get("etag"), body: await response.text() };
}

/**
 * PROPPATCH a calendar's display name and/or Apple's calendar-color, as another client renaming
 * or recolouring it (Xandikos also ignores properties sent with MKCALENDAR).
 */
export async function setCalendarProperties(params: {
  url: string;
  color?: string;
  displayName?: string;
  auth?: ClientAuth;
}): Promise<void> {
  const body =
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<D:propertyupdate xmlns:D="DAV:" xmlns:A="http://apple.com/ns/ical/"><D:set><D:prop>` +
    (params.displayName ? `<D:displayname>${params.displayName}</D:displayname>` : "") +
    (params.color ? `<A:calendar-color>${params.color}</A:calendar-color>` : "") +
    `</D:prop></D:set></D:propertyupdate>`;
  const response = await fetch(params.url, {
    method: "PROPPATCH",
    headers: { "Content-Type": "application/xml; charset=utf-8", ...basicAuthHeader(params.auth) },
    body,
  });
  const text = await response.text();
  if (response.status !== 207 || !/200 OK/.test(text)) {
    throw new Error(`PROPPATCH ${params.url} -> ${response.status}: ${text.slice(0, 300)}`);
  }
}
