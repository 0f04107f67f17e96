/**
 * Debian's Chromium driven by playwright-core (docs/stack.md "Chromium"): never a downloaded browser.
 * Every test ends with a screenshot in artifacts/e2e/ so the result can be looked at.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

const root = path.resolve(import.meta.dirname, "../../..");
export const artifactsDir = path.join(root, "artifacts", "e2e");

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function newPage(params: {
  browser: Browser;
  baseURL: string;
  timeZone?: string;
  viewport?: { width: number; height: number };
  colorScheme?: "light" | "dark";
  /** A phone: mobile viewport meta honoured and touch events (Chromium's device emulation). */
  isMobile?: boolean;
  hasTouch?: boolean;
  /** Cookies of another context (an already signed-in person). */
  storageState?: Awaited<ReturnType<BrowserContext["storageState"]>>;
}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await params.browser.newContext({
    baseURL: params.baseURL,
    timezoneId: params.timeZone ?? "Europe/Berlin",
    locale: "en-GB",
    viewport: params.viewport ?? { width: 1280, height: 900 },
    colorScheme: params.colorScheme ?? "light",
    isMobile: params.isMobile ?? false,
    hasTouch: params.hasTouch ?? false,
    ...(params.storageState ? { storageState: params.storageState } : {}),
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  return { context, page };
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: false });
}
