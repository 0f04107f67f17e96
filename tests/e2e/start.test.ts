import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "./helpers/start-app.ts";

describe("npm start on an empty data folder", () => {
  let app: RunningApp;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "concord-start-"));
    rmSync(dataDir, { recursive: true });
    app = await startApp({ dataDir });
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("comes up on embedded PGlite with in-process jobs and answers /api/health", async () => {
    const response = await fetch(`${app.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, db: "pglite", jobs: "embedded" });
  });

  it("generated its secrets and the database into the data folder and printed the URL", () => {
    expect(existsSync(path.join(dataDir, "secrets.json"))).toBe(true);
    expect(existsSync(path.join(dataDir, "pglite"))).toBe(true);
    expect(app.output()).toContain(`Concord is running at ${app.url}`);
  });

  it("serves the sign-in page and JSON errors for unknown API routes", async () => {
    const page = await fetch(`${app.url}/signin`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Sign in to Concord");
    const missing = await fetch(`${app.url}/api/v1/no-such-route`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("not_found");
  });
});
