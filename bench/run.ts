// `npm run bench`: every benchmark in turn (each also runs alone: npm run bench:<name>).
// Numbers go to stdout and bench/results/; they are never assertions.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const benches = ["caldav-pull.ts", "google-pull.ts", "client-sync.ts", "ui-tti.ts"];
let failed = 0;
for (const file of benches) {
  const script = path.join(import.meta.dirname, file);
  if (!existsSync(script)) continue;
  console.log(`\n=== bench/${file} ===`);
  const result = spawnSync(process.execPath, [script, ...process.argv.slice(2)], { stdio: "inherit" });
  if (result.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
