/**
 * The running server's pages: security headers, a script policy the app really works under
 * (Chromium reports no violation while a person uses it), and sign-in redirects that never
 * leave the app.
 */
import type { Browser, ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, saveScreenshot } from "./support/browser.ts";
import { credentialsSignIn, signUpOverHttp } from "./support/session.ts";
import { signUp } from "./support/sign-up.ts";
import { startApp, type RunningApp } from "./support/start-app.ts";

// Each of these leaves the app if a browser follows it after signing in.
const openRedirects = [
  "/\\evil.example",
  "/\t/evil.example",
  "//evil.example",
  "/.//evil.example",
  "https://evil.example",
  "javascript:alert(document.domain)",
];

function expectSecurityHeaders(headers: Headers): void {
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("referrer-policy")).toBe("same-origin");
  expect(headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  // APP_URL is plain http here: no HSTS (the https case is a unit test of the header builder).
  expect(headers.get("strict-transport-security")).toBeNull();
}

/** Collects every CSP violation Chromium reports, from the console and from the DOM event. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return violations;
}

describe("pages of the running server", () => {
  let app: RunningApp;
  let browser: Browser;
  const email = `pages-${process.pid}@example.test`;
  const password = "correct horse battery";

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    await signUpOverHttp({ baseUrl: app.url, email, password });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("send the security headers on pages and API answers", async () => {
    const page = await fetch(`${app.url}/signin`);
    expectSecurityHeaders(page.headers);
    const policy = page.headers.get("content-security-policy") as string;
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(policy).toContain("'strict-dynamic'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    // Next put the request's nonce on its scripts, and the nonce is new for every page view.
    const html = await page.text();
    expect(html).toContain(`nonce="${nonce}"`);
    const again = await fetch(`${app.url}/signin`);
    expect(again.headers.get("content-security-policy")).not.toContain(nonce as string);

    for (const path of ["/api/health", "/api/v1/calendars", "/api/no-such-route", "/api/auth/session"]) {
      const response = await fetch(`${app.url}${path}`);
      expectSecurityHeaders(response.headers);
      expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    }
    // The sign-in redirect of a signed-out visitor carries them too.
    const redirect = await fetch(`${app.url}/settings/accounts`, { redirect: "manual" });
    expect(redirect.status).toBeGreaterThanOrEqual(300);
    expectSecurityHeaders(redirect.headers);
  });

  it("run the app under that policy with no violation", async () => {
    const { context, page } = await newPage({ browser, baseURL: app.url });
    try {
      const violations = await watchViolations(page);
      await signUp(page);
      await page.getByRole("button", { name: "Sync now" }).waitFor();
      await page.getByText("No accounts yet.").waitFor();
      await page.locator("[role=columnheader][data-date]").first().waitFor();
      await saveScreenshot(page, "security-calendar-under-csp");
      // A change and a bodiless DELETE from the real pages pass the CSRF rule.
      await page.goto("/settings/tokens");
      await page.getByLabel("Token name").fill("from the page");
      await page.getByRole("button", { name: "Create token" }).click();
      await page.getByTestId("new-token").waitFor();
      await page.getByTestId("token-row").getByRole("button", { name: "Revoke" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
      await page.getByText("No tokens yet.").waitFor();
      await page.goto("/settings/accounts");
      await page.getByRole("button", { name: "Connect a CalDAV server" }).waitFor();
      await page.goto("/conflicts");
      await page.waitForLoadState("networkidle");
      await saveScreenshot(page, "security-conflicts-under-csp");
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each(openRedirects)("never render a sign-in that leads to %j", async (target) => {
    const response = await fetch(`${app.url}/signin?callbackUrl=${encodeURIComponent(target)}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    // The form's target travels in the page's payload; the query string itself may be echoed.
    expect(html).toMatch(/\\?"callbackUrl\\?":\\?"\/\\?"/);
    expect(html).not.toMatch(/\\?"callbackUrl\\?":\\?"[^"\\]*evil/);
  });

  it("keep a same-origin callbackUrl", async () => {
    const html = await (await fetch(`${app.url}/signin?callbackUrl=${encodeURIComponent("/settings/tokens")}`)).text();
    expect(html).toMatch(/\\?"callbackUrl\\?":\\?"\/settings\/tokens\\?"/);
  });

  it.each(openRedirects)("never let next-auth's sign-in send %j elsewhere", async (callbackUrl) => {
    const { status, url } = await credentialsSignIn({ baseUrl: app.url, email, password, callbackUrl });
    expect(status).toBe(200);
    expect(new URL(url as string).origin).toBe(new URL(app.url).origin);
    expect(url).not.toContain("evil");
    const viaSignInPage = await fetch(`${app.url}/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`, {
      redirect: "manual",
    });
    expect(viaSignInPage.headers.get("location") ?? "").not.toContain("evil");
  });
});
