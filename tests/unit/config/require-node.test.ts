import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const script = path.resolve(import.meta.dirname, "../../../scripts/require-node.cjs");

/** Runs the version check as if Node reported `version`. */
function checkAs(version: string) {
  const pretend = `Object.defineProperty(process.versions, "node", { value: ${JSON.stringify(version)} });`;
  return spawnSync(process.execPath, ["-e", `${pretend} require(${JSON.stringify(script)});`], { encoding: "utf8" });
}

describe("the Node version check before npm start and npm test", () => {
  it.each(["20.20.2", "22.17.1", "18.0.0"])(
    "stops on %s with one sentence naming the version and the cure",
    (version) => {
      const result = checkAs(version);
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain("22.18 or newer");
      expect(lines[0]).toContain(`this is ${version}`);
      expect(lines[0]).toContain("npm install --prefix .tools/node node@24");
    },
  );

  it.each(["22.18.0", "24.21.0", "25.1.0"])("lets %s through silently", (version) => {
    const result = checkAs(version);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
  });
});
