/**
 * Account security through `npm start` and Chromium, against the Google fake: sign-up closed
 * (the owner's first account still works), Google sign-in never joining an existing password
 * account unless its signed-in owner links it, token expiry in the settings page, and the
 * per-client limits of the real server, which a client cannot escape by writing its own
 * X-Forwarded-For.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGoogleFake, type GoogleFake } from "../fakes/google/start-google-fake.ts";
import { launchBrowser, newPage, saveScreenshot } from "./support/browser.ts";
import { startApp, type RunningApp } from "./support/start-app.ts";

const OWNER = "user@example.com"; // the fake's default Google account
const password = "correct horse battery";

let fake: GoogleFake;
let app: RunningApp;
let browser: Browser;
let owner: Page;
const contexts: BrowserContext[] = [];

async function freshPage(viewport?: { width: number; height: number }): Promise<Page> {
  const { context, page } = await newPage({ browser, baseURL: app.url, viewport });
  contexts.push(context);
  return page;
}

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({
    baseURL: app.url,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: "en-GB",
  });
  contexts.push(context);
  return context.newPage();
}

async function sessionEmail(page: Page): Promise<string | null> {
  const session = (await (await page.request.get("/api/auth/session")).json()) as { user?: { email?: string } };
  return session.user?.email ?? null;
}

async function signInWithGoogle(page: Page): Promise<void> {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Google" }).click();
}

beforeAll(async () => {
  fake = await startGoogleFake();
  app = await startApp({
    env: {
      GOOGLE_CLIENT_ID: "concord-e2e-client",
      GOOGLE_CLIENT_SECRET: "concord-e2e-secret",
      GOOGLE_API_ROOT_URL: fake.url,
      GOOGLE_OAUTH_URL: fake.url,
      CONCORD_SIGNUP: "closed",
      CONCORD_RATE_LIMITS: "signup=4/3600,signin=8/900",
    },
  });
  browser = await launchBrowser();
  owner = await freshPage();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
  await fake?.stop();
});

describe("sign-up control", () => {
  it("lets the owner create the first account although sign-up is closed", async () => {
    await owner.goto("/signup");
    await owner.getByLabel("Name").fill("Owner");
    await owner.getByLabel("Email").fill(OWNER);
    await owner.getByLabel(/^Password/).fill(password);
    await owner.getByRole("button", { name: "Create account" }).click();
    await owner.waitForURL((url) => url.pathname === "/");
    expect(await sessionEmail(owner)).toBe(OWNER);
  });

  it("then says sign-up is closed, on the page and in the API", async () => {
    for (const [name, page] of [
      ["desktop", await freshPage()],
      ["700", await freshPage({ width: 700, height: 900 })],
      ["phone", await phonePage()],
    ] as const) {
      await page.goto("/signup");
      await expect
        .poll(() => page.getByTestId("signup-closed").textContent(), { timeout: 30_000 })
        .toMatch(/Sign-up is closed/);
      expect(await page.getByRole("button", { name: "Create account" }).count()).toBe(0);
      await saveScreenshot(page, `signup-closed-${name}`);
    }
    const refused = await fetch(`${app.url}/api/v1/users`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "stranger@example.test", password }),
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("signup_closed");
  });
});

describe("Google sign-in and an existing password account", () => {
  it("refuses a Google sign-in with the owner's address and says why; nobody is signed in", async () => {
    const page = await freshPage();
    await signInWithGoogle(page);
    await page.waitForURL(
      (url) => url.pathname === "/signin" && url.searchParams.get("error") === "GoogleAccountExists",
    );
    await expect
      .poll(() => page.locator("p[role=alert]").textContent(), { timeout: 30_000 })
      .toMatch(/already exists.*password/);
    expect(await sessionEmail(page)).toBeNull();
    await saveScreenshot(page, "google-sign-in-refused-desktop");
    for (const [name, narrow] of [
      ["700", await freshPage({ width: 700, height: 900 })],
      ["phone", await phonePage()],
    ] as const) {
      await narrow.goto(page.url());
      await narrow.locator("p[role=alert]").waitFor();
      await saveScreenshot(narrow, `google-sign-in-refused-${name}`);
    }
  });

  it("refuses a new Google account while sign-up is closed", async () => {
    await fake.control.setOptions({ consentAccount: "stranger@example.com" });
    try {
      const page = await freshPage();
      await signInWithGoogle(page);
      await page.waitForURL((url) => url.searchParams.get("error") === "SignupClosed");
      await expect
        .poll(() => page.locator("p[role=alert]").textContent(), { timeout: 30_000 })
        .toMatch(/Sign-up is closed/);
      expect(await sessionEmail(page)).toBeNull();
    } finally {
      await fake.control.setOptions({ consentAccount: OWNER });
    }
  });

  it("links Google sign-in when the signed-in owner asks for it, and Google then signs in to that account", async () => {
    await owner.goto("/settings/accounts");
    await expect
      .poll(() => owner.getByTestId("google-sign-in-state").textContent(), { timeout: 30_000 })
      .toMatch(/Not linked/);
    await owner.getByRole("button", { name: "Link Google sign-in" }).click();
    await owner.waitForURL(
      (url) => url.pathname === "/settings/accounts" && url.searchParams.get("linked") === "google",
    );
    await expect
      .poll(() => owner.getByTestId("google-sign-in-state").textContent(), { timeout: 30_000 })
      .toMatch(/sign in to this account with Google/);
    expect(await sessionEmail(owner)).toBe(OWNER);
    await saveScreenshot(owner, "google-sign-in-linked-desktop");
    const phone = await phonePage();
    await phone.context().addCookies(await owner.context().cookies());
    await phone.goto("/settings/accounts");
    await phone.getByTestId("google-sign-in-state").scrollIntoViewIfNeeded();
    await saveScreenshot(phone, "google-sign-in-linked-phone");

    const page = await freshPage();
    await signInWithGoogle(page);
    await page.waitForURL((url) => url.pathname === "/");
    expect(await sessionEmail(page)).toBe(OWNER);
  });
});

describe("API tokens in the settings page", () => {
  it("creates a token that expires and lists its expiry", async () => {
    await owner.goto("/settings/tokens");
    await owner.getByLabel("Token name").fill("backup script");
    await owner.getByLabel("Expires").selectOption("7");
    await owner.getByRole("button", { name: "Create token" }).click();
    await owner.getByTestId("new-token").waitFor();
    const row = owner.getByTestId("token-row").filter({ hasText: "backup script" });
    await expect.poll(() => row.getByTestId("token-expiry").textContent(), { timeout: 30_000 }).toMatch(/^expires \d/);
    await saveScreenshot(owner, "tokens-expiry-desktop");
    for (const [name, page] of [
      ["700", await freshPage({ width: 700, height: 900 })],
      ["phone", await phonePage()],
    ] as const) {
      await page.context().addCookies(await owner.context().cookies());
      await page.goto("/settings/tokens");
      await page.getByTestId("token-row").first().waitFor();
      await saveScreenshot(page, `tokens-expiry-${name}`);
    }
  });
});

describe("per-client limits of the running server", () => {
  it("answers a sign-up flood with 429 and Retry-After, whatever X-Forwarded-For the client writes", async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const response = await fetch(`${app.url}/api/v1/users`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${attempt}` },
        body: JSON.stringify({ email: `flood-${attempt}@example.test`, password }),
      });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get("retry-after");
      await response.arrayBuffer();
    }
    // Sign-up is closed (403) until the client's 4 attempts in the window are used up (the
    // owner's sign-up and the refused API call above counted too), then 429: the invented
    // X-Forwarded-For entries did not make the client a new one.
    expect(statuses).not.toContain(201);
    const firstRefusal = statuses.indexOf(429);
    expect(firstRefusal).toBeGreaterThanOrEqual(0);
    expect(firstRefusal).toBeLessThanOrEqual(3);
    expect(statuses.slice(firstRefusal).every((status) => status === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it("answers repeated password sign-ins with 429 and the sign-in form says to wait", async () => {
    const csrf = await fetch(`${app.url}/api/auth/csrf`);
    const cookie = (csrf.headers.getSetCookie?.() ?? []).map((line) => line.split(";")[0]).join("; ");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const response = await fetch(`${app.url}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": "192.0.2.9" },
        body: new URLSearchParams({ email: OWNER, password: `guess ${attempt}`, csrfToken, json: "true" }),
        redirect: "manual",
      });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      await response.arrayBuffer();
    }
    expect(statuses.slice(-3)).toEqual([429, 429, 429]);

    const page = await freshPage();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(OWNER);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect
      .poll(() => page.locator("p[role=alert]").textContent(), { timeout: 30_000 })
      .toMatch(/Too many attempts; try again in \d+ s/);
    await saveScreenshot(page, "sign-in-rate-limited");
  });
});
