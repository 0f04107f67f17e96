/**
 * Time to interactive of the merged calendar in Chromium: the week view with 500 events and
 * the month view with 2,000, served by `npm start` (PGlite) from a Radicale account whose
 * calendar was seeded through Radicale's storage (one PUT per event would dominate the setup,
 * docs/design.md "Hard-won rules"). Run: `node bench/ui-tti.ts [--runs N]`.
 *
 * TTI here = from navigation start until the events of the range are rendered and the main
 * thread is free again (two animation frames and a task after the last event appeared).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { launchBrowser, newPage } from "../tests/e2e/support/browser.ts";
import { icsEvent } from "../tests/e2e/support/ics-event.ts";
import { startApp } from "../tests/e2e/support/start-app.ts";
import { createRadicaleCollectionOnDisk, startRadicale } from "../tests/helpers/radicale.ts";

const runsArg = process.argv.indexOf("--runs");
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const user = { username: "bench", password: "bench-password" };
const scenarios = [
  {
    name: "week view, 500 events",
    view: "timeGridWeek",
    date: "2027-04-14",
    count: 500,
    firstDay: "2027-04-11",
    days: 7,
  },
  {
    name: "month view, 2000 events",
    view: "dayGridMonth",
    date: "2027-03-15",
    count: 2000,
    firstDay: "2027-03-01",
    days: 31,
  },
];

function seedEvents(scenario: (typeof scenarios)[number]): { name: string; ical: string }[] {
  const first = Date.parse(`${scenario.firstDay}T00:00:00Z`);
  return Array.from({ length: scenario.count }, (_, i) => {
    const day = i % scenario.days;
    const startMinutes = 7 * 60 + ((i * 37) % (11 * 60));
    const start = first + day * 86_400_000 + startMinutes * 60_000;
    const end = start + (30 + ((i * 13) % 4) * 30) * 60_000;
    const uid = `${scenario.view}-${i}@bench.concord`;
    return {
      name: `${scenario.view}-${i}.ics`,
      ical: icsEvent({
        uid,
        title: `Meeting ${i}`,
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
      }),
    };
  });
}

async function api(base: string, route: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const response = await fetch(`${base}${route}`, {
    method: init.method ?? "GET",
    headers: {
      "content-type": "application/json",
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${route} -> ${response.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function measure(page: Page, scenario: (typeof scenarios)[number]) {
  const eventsResponse = page.waitForResponse((r) => r.url().includes("/api/v1/events?"), { timeout: 120_000 });
  await page.goto(`/?view=${scenario.view}&date=${scenario.date}`);
  const response = await eventsResponse;
  const items = ((await response.json()) as { items: unknown[] }).items.length;
  await page.getByTestId("calendar-event").first().waitFor({ timeout: 120_000 });
  // Wait until FullCalendar stopped adding events, then for the main thread to be free.
  let previous = -1;
  for (;;) {
    const rendered = await page.getByTestId("calendar-event").count();
    if (rendered === previous) break;
    previous = rendered;
    await page.waitForTimeout(50);
  }
  const ready = await page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(performance.now())))),
      ),
  );
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const events = performance
      .getEntriesByType("resource")
      .filter((entry) => entry.name.includes("/api/v1/events?"))
      .at(-1) as PerformanceResourceTiming | undefined;
    return {
      domContentLoaded: nav?.domContentLoadedEventEnd ?? 0,
      eventsRequestStart: events?.requestStart ?? 0,
      eventsResponseEnd: events?.responseEnd ?? 0,
    };
  });
  return {
    ttiMs: Math.round(ready),
    domContentLoadedMs: Math.round(timing.domContentLoaded),
    eventsApiMs: Math.round(timing.eventsResponseEnd - timing.eventsRequestStart),
    renderAfterDataMs: Math.round(ready - timing.eventsResponseEnd),
    apiItems: items,
    renderedEvents: previous,
  };
}

const radicale = await startRadicale({ users: { [user.username]: user.password } });
const app = await startApp();
const browser = await launchBrowser();
try {
  const dir = await createRadicaleCollectionOnDisk({
    server: radicale,
    user: user.username,
    calendar: "bench",
    displayName: "Bench",
    color: "#2f6fdf",
  });
  for (const scenario of scenarios) {
    for (const event of seedEvents(scenario)) await writeFile(path.join(dir, event.name), event.ical);
  }
  const email = `bench-${Date.now()}@example.test`;
  const password = "correct horse battery";
  await api(app.url, "/api/v1/users", { method: "POST", body: { email, password } });
  const { token } = await api(app.url, "/api/v1/tokens", { method: "POST", body: { email, password } });
  await api(app.url, "/api/v1/connections", {
    method: "POST",
    token,
    body: { provider: "caldav", serverUrl: radicale.url, username: user.username, password: user.password },
  });
  const syncStarted = Date.now();
  await api(app.url, "/api/v1/sync?wait=true", { method: "POST", token });
  console.log(
    `Seeded and synced ${scenarios.reduce((n, s) => n + s.count, 0)} events in ${Date.now() - syncStarted} ms.`,
  );

  const { page } = await newPage({ browser, baseURL: app.url });
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");

  const results: Record<string, unknown[]> = {};
  for (const scenario of scenarios) {
    await measure(page, scenario); // warm-up: compiled chunks and PGlite caches
    results[scenario.name] = [];
    for (let run = 0; run < runs; run++) results[scenario.name]!.push(await measure(page, scenario));
  }
  console.log("\nTime to interactive (Chromium headless, 1280x900, npm start + PGlite):");
  for (const [name, list] of Object.entries(results)) {
    const ttis = (list as { ttiMs: number }[]).map((r) => r.ttiMs).sort((a, b) => a - b);
    const median = ttis[Math.floor(ttis.length / 2)];
    console.log(`- ${name}: median ${median} ms (runs: ${ttis.join(", ")})`);
    for (const r of list) console.log(`    ${JSON.stringify(r)}`);
  }
  const out = path.join(import.meta.dirname, "results");
  await mkdir(out, { recursive: true });
  const file = path.join(out, `ui-tti-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  await writeFile(file, JSON.stringify({ runs, results }, null, 2));
  console.log(`\nWrote ${path.relative(process.cwd(), file)}`);
} finally {
  await browser.close();
  await app.stop();
  await radicale.stop();
}
