import type { Page } from "playwright-core";

let counter = 0;

/** Creates an account through the sign-up page and lands on the calendar. */
export async function signUp(page: Page): Promise<{ email: string; password: string }> {
  counter += 1;
  const email = `person-${process.pid}-${counter}-${Date.now()}@example.test`;
  const password = "correct horse battery";
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Test Person");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  return { email, password };
}

/** Connects a CalDAV server through the Accounts page and returns to the calendar. */
export async function connectCaldav(
  page: Page,
  params: { serverUrl: string; username: string; password: string },
): Promise<void> {
  await page.goto("/settings/accounts");
  await page.getByRole("button", { name: "Connect a CalDAV server" }).click();
  const form = page.getByRole("form", { name: "Connect a CalDAV server" });
  await form.getByLabel("Server URL").fill(params.serverUrl);
  await form.getByLabel("User name").fill(params.username);
  await form.getByLabel("Password").fill(params.password);
  await form.getByRole("button", { name: "Connect CalDAV server" }).click();
  await page.getByTestId("connection-card").first().waitFor();
}
