import { describe, expect, it } from "vitest";
import { serverNodeFlags } from "../../../lib/config/server-node-flags.ts";

describe("server V8 flags", () => {
  it("favours memory size by default", () => {
    expect(serverNodeFlags({})).toEqual(["--optimize-for-size"]);
  });

  it("takes the configured list instead, and an empty one means V8's defaults", () => {
    expect(serverNodeFlags({ CONCORD_NODE_FLAGS: " --max-semi-space-size=16  --stack-trace-limit=50 " })).toEqual([
      "--max-semi-space-size=16",
      "--stack-trace-limit=50",
    ]);
    expect(serverNodeFlags({ CONCORD_NODE_FLAGS: "" })).toEqual([]);
  });
});
