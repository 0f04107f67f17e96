/**
 * Attacks on the running server (`npm start`): oversized bodies, cross-origin changes riding on
 * the session cookie, and malformed cookies.
 */
import { request as httpRequest } from "node:http";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionHeaders, signInOverHttp, signUpOverHttp } from "./support/session.ts";
import { startApp, type RunningApp } from "./support/start-app.ts";

/** POSTs `totalBytes` to `path` in 64 KiB writes, stopping as soon as the server answers. */
function sendLargeBody(params: {
  baseUrl: string;
  path: string;
  totalBytes: number;
  declareLength: boolean;
  endBody: boolean;
}): Promise<{ status: number; body: { error?: { code: string } } | null; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (params.declareLength) headers["content-length"] = String(params.totalBytes);
    const request = httpRequest(new URL(params.path, params.baseUrl), { method: "POST", headers });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sentBytes = 0;
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      const parts: Buffer[] = [];
      response.on("data", (part: Buffer) => parts.push(part));
      response.on("end", () => {
        request.destroy();
        const text = Buffer.concat(parts).toString();
        resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : null, sentBytes });
      });
    });
    // The server may close the connection on a body it refused: only an error before its answer counts.
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sentBytes < params.totalBytes) {
        const size = Math.min(chunk.length, params.totalBytes - sentBytes);
        sentBytes += size;
        if (!request.write(chunk.subarray(0, size))) {
          request.once("drain", pump);
          return;
        }
      }
      if (!answered && params.endBody) request.end();
    };
    pump();
  });
}

describe("the running server under attack", () => {
  let app: RunningApp;
  let cookie: string;
  let token: string;
  const email = `victim-${process.pid}@example.test`;
  const password = "correct horse battery";
  const listener = { server: null as Server | null, port: 0, connections: 0 };

  const cookieRequest = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string }) =>
    fetch(`${app.url}${path}`, {
      method: init.method ?? "POST",
      headers: { cookie, ...init.headers },
      body: init.body,
    });
  const tokenNames = async () => {
    const response = await fetch(`${app.url}/api/v1/tokens`, { headers: { authorization: `Bearer ${token}` } });
    return ((await response.json()) as { items: { name: string }[] }).items.map((item) => item.name);
  };

  beforeAll(async () => {
    app = await startApp();
    await signUpOverHttp({ baseUrl: app.url, email, password });
    cookie = await signInOverHttp({ baseUrl: app.url, email, password });
    const minted = await fetch(`${app.url}/api/v1/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password, name: "script" }),
    });
    token = ((await minted.json()) as { token: string }).token;
    // A loopback listener standing in for a CalDAV server: a refused request must never reach it.
    listener.server = createServer((socket) => {
      listener.connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.server?.listen(0, "127.0.0.1", resolve));
    const address = listener.server.address();
    listener.port = typeof address === "object" && address ? address.port : 0;
  });
  afterAll(async () => {
    listener.server?.close();
    await app?.stop();
  });

  describe("request limits", () => {
    it("refuses a declared 20 MB body with 413 before reading it, and stays healthy", async () => {
      const answer = await sendLargeBody({
        baseUrl: app.url,
        path: "/api/v1/users",
        totalBytes: 20 * 1024 * 1024,
        declareLength: true,
        endBody: true,
      });
      expect(answer.status).toBe(413);
      expect(answer.body?.error?.code).toBe("payload_too_large");
      expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
      const next = await fetch(`${app.url}/api/v1/tokens`, { headers: { authorization: `Bearer ${token}` } });
      expect(next.status).toBe(200);
    });

    it("refuses an oversized form on next-auth's own sign-in route too", async () => {
      const answer = await sendLargeBody({
        baseUrl: app.url,
        path: "/api/auth/callback/credentials",
        totalBytes: 20 * 1024 * 1024,
        declareLength: true,
        endBody: true,
      });
      expect(answer.status).toBe(413);
      expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    });

    it("cuts off a body without a length at the limit, without waiting for its end", async () => {
      // The body never ends: only a server that counts while reading can answer at all.
      const answer = await sendLargeBody({
        baseUrl: app.url,
        path: "/api/v1/users",
        totalBytes: 3 * 1024 * 1024,
        declareLength: false,
        endBody: false,
      });
      expect(answer.status).toBe(413);
      expect(answer.body?.error?.code).toBe("payload_too_large");
      expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    });

    it.each([
      ["bad percent-encoding", "next-auth.session-token=%E0%A4%A"],
      ["not a JWT", "next-auth.session-token=garbage"],
      ["a broken JWE", "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAA.BBBB.CCCC"],
      ["no value", "next-auth.session-token"],
      ["odd names", "=x; ;;; __proto__=%ZZ; constructor=1"],
      ["chunked halves", "next-auth.session-token.0=%E0; next-auth.session-token.1=abc"],
    ])("answers a malformed cookie (%s) without a 500", async (_name, malformed) => {
      const headers = { cookie: malformed };
      const api = await fetch(`${app.url}/api/v1/calendars`, { headers });
      expect(api.status).toBe(401);
      const change = await fetch(`${app.url}/api/v1/sync`, { method: "POST", headers });
      expect(change.status).toBe(401);
      const session = await fetch(`${app.url}/api/auth/session`, { headers });
      expect(session.status).toBe(200);
      const page = await fetch(`${app.url}/`, { headers, redirect: "manual" });
      expect(page.status).toBeLessThan(500);
      expect((await fetch(`${app.url}/signin`, { headers })).status).toBe(200);
    });
  });

  describe("CSRF", () => {
    const evil = "http://evil.example";

    it("refuses cookie changes from other origins and creates nothing", async () => {
      const before = await tokenNames();
      const sibling = new URL(app.url);
      sibling.port = String(Number(sibling.port) + 1);
      const sameSiteOtherHost = app.url.replace("127.0.0.1", "localhost");
      const attempts: Record<string, string>[] = [
        { origin: evil, "content-type": "text/plain" },
        { origin: evil, "content-type": "application/json" },
        { origin: sibling.origin, "content-type": "application/json" },
        { origin: sameSiteOtherHost, "content-type": "application/json" },
        { origin: "null", "content-type": "application/json" },
        { "sec-fetch-site": "same-site", "content-type": "application/json" },
        { "content-type": "application/json" },
        // Its own origin, but a content type an HTML form can send without a preflight.
        { origin: new URL(app.url).origin, "content-type": "text/plain" },
        { origin: new URL(app.url).origin, "content-type": "application/x-www-form-urlencoded" },
      ];
      for (const headers of attempts) {
        const response = await cookieRequest("/api/v1/tokens", { headers, body: JSON.stringify({ name: "stolen" }) });
        expect({ headers, status: response.status }).toEqual({ headers, status: 403 });
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe("cross_origin_refused");
      }
      expect(await tokenNames()).toEqual(before);
    });

    it("never acts on a cross-origin text/plain connection request (the reported attack)", async () => {
      const response = await cookieRequest("/api/v1/connections", {
        headers: { origin: evil, "content-type": "text/plain" },
        body: JSON.stringify({
          provider: "caldav",
          serverUrl: `http://127.0.0.1:${listener.port}/`,
          username: "u",
          password: "p",
        }),
      });
      expect(response.status).toBe(403);
      expect(listener.connections).toBe(0);
      const listed = await fetch(`${app.url}/api/v1/connections`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await listed.json()) as { items: unknown[] }).items).toEqual([]);
    });

    it("refuses a cross-origin DELETE and a bodiless POST", async () => {
      const listed = await fetch(`${app.url}/api/v1/tokens`, { headers: { authorization: `Bearer ${token}` } });
      const { items } = (await listed.json()) as { items: { id: string }[] };
      const target = items[0]?.id as string;
      const remove = await cookieRequest(`/api/v1/tokens/${target}`, { method: "DELETE", headers: { origin: evil } });
      expect(remove.status).toBe(403);
      const sync = await cookieRequest("/api/v1/sync", { headers: { origin: evil } });
      expect(sync.status).toBe(403);
      expect((await fetch(`${app.url}/api/v1/tokens`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
        200,
      );
    });

    it("still accepts the app's own pages' changes", async () => {
      const ownPage = await cookieRequest("/api/v1/tokens", {
        headers: sessionHeaders({ baseUrl: app.url, cookie }),
        body: JSON.stringify({ name: "from the settings page" }),
      });
      expect(ownPage.status).toBe(201);
      // A browser that sends no Origin still says where the request came from.
      const noOrigin = await cookieRequest("/api/v1/tokens", {
        headers: { "sec-fetch-site": "same-origin", "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify({ name: "no origin" }),
      });
      expect(noOrigin.status).toBe(201);
      expect(await tokenNames()).toEqual(expect.arrayContaining(["from the settings page", "no origin"]));
    });

    it("leaves Bearer-token requests alone", async () => {
      const variants: Record<string, string>[] = [{}, { origin: evil, "content-type": "text/plain" }];
      for (const headers of variants) {
        const response = await fetch(`${app.url}/api/v1/sync`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, ...headers },
        });
        expect(response.status).toBeLessThan(300);
      }
    });

    it("refuses a cross-site sign-up form, but not a script's sign-up", async () => {
      const victim = `form-${process.pid}@example.test`;
      const forms: Record<string, string>[] = [
        { "content-type": "text/plain" },
        { "content-type": "application/x-www-form-urlencoded" },
        { origin: evil, "content-type": "application/json" },
        { "sec-fetch-site": "cross-site", "content-type": "application/json" },
      ];
      for (const headers of forms) {
        const response = await fetch(`${app.url}/api/v1/users`, {
          method: "POST",
          headers,
          body: JSON.stringify({ email: victim, password }),
        });
        expect(response.status).toBe(403);
      }
      const signIn = await fetch(`${app.url}/api/v1/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: victim, password }),
      });
      expect(signIn.status).toBe(401);
    });

    it("keeps next-auth's own CSRF token on its sign-in route", async () => {
      const response = await fetch(`${app.url}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: evil },
        body: new URLSearchParams({ email, password, json: "true" }),
      });
      expect(response.headers.getSetCookie().some((value) => value.includes("session-token="))).toBe(false);
    });
  });
});
