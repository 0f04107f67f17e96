import { describe, expect, it } from "vitest";
import { inngestDevRefusal } from "../../../lib/jobs/inngest-dev-refusal.ts";

describe("inngestDevRefusal", () => {
  it("refuses INNGEST_DEV on a production server with a sentence that says what to do", () => {
    const refusal = inngestDevRefusal({ NODE_ENV: "production", INNGEST_DEV: "1" });
    expect(refusal).toMatch(/INNGEST_DEV/);
    expect(refusal).toMatch(/INNGEST_SIGNING_KEY/);
    expect(refusal).toMatch(/CONCORD_ALLOW_INNGEST_DEV_IN_PRODUCTION=1/);
  });

  it.each([
    ["development", { NODE_ENV: "development", INNGEST_DEV: "1" }],
    ["production without INNGEST_DEV", { NODE_ENV: "production" }],
    ["production with INNGEST_DEV=0", { NODE_ENV: "production", INNGEST_DEV: "0" }],
    ["production, forced", { NODE_ENV: "production", INNGEST_DEV: "1", CONCORD_ALLOW_INNGEST_DEV_IN_PRODUCTION: "1" }],
  ])("allows %s", (_label, env) => {
    expect(inngestDevRefusal(env)).toBeNull();
  });
});
