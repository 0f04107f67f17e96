import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const startEmbeddedRunner = vi.fn(async () => {});
vi.mock("../../../lib/jobs/embedded/start-embedded-runner.ts", () => ({ startEmbeddedRunner }));

const { register } = await import("../../../instrumentation.ts");

describe("instrumentation register()", () => {
  beforeEach(() => {
    for (const name of ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_DEV", "INNGEST_BASE_URL", "NEXT_PHASE"]) {
      vi.stubEnv(name, "");
    }
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    // The embedded database: one process, which runs the jobs itself.
    vi.stubEnv("DATABASE_URL", "");
  });

  afterEach(() => {
    vi.unstubAllEnvs();
    startEmbeddedRunner.mockClear();
  });

  it("starts the embedded runner in the Node.js runtime when Inngest is not configured", async () => {
    await register();
    expect(startEmbeddedRunner).toHaveBeenCalledTimes(1);
  });

  it.each([
    ["the edge runtime", "NEXT_RUNTIME", "edge"],
    ["a production build", "NEXT_PHASE", "phase-production-build"],
    ["Inngest configured", "INNGEST_SIGNING_KEY", "signkey-prod-abc"],
    ["the Inngest dev server", "INNGEST_DEV", "1"],
  ])("does not start it under %s", async (_label, name, value) => {
    vi.stubEnv(name, value);
    await register();
    expect(startEmbeddedRunner).not.toHaveBeenCalled();
  });

  it("keeps the server up when the runner cannot start", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    startEmbeddedRunner.mockRejectedValueOnce(new Error("database unreachable"));
    await expect(register()).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith(expect.stringContaining("did not start"), "database unreachable");
    error.mockRestore();
  });
});
