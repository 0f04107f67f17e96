// `npm start`: generates missing secrets, applies migrations, builds when the sources are newer
// than the last build, then serves on PORT and prints the URL (docs/api.md "Commands and configuration").
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { generatedSecrets } from "../lib/config/generated-secrets.ts";
import { serverNodeFlags } from "../lib/config/server-node-flags.ts";
import { dataDir, dbKind } from "../lib/db/config.ts";
import { DataFolderInUse } from "../lib/db/claim-data-folder.ts";
import { migrateDatabase } from "../lib/db/migrate-database.ts";
import { inngestDevRefusal } from "../lib/jobs/inngest-dev-refusal.ts";
import { trustedProxyCount } from "../lib/auth/client-address.ts";
import { rateLimitRule } from "../lib/auth/rate-limit-rules.ts";
import { signUpMode } from "../lib/auth/sign-up-policy.ts";

const root = path.resolve(import.meta.dirname, "..");
const port = process.env.PORT || "3000";
const appUrl = (process.env.APP_URL || `http://localhost:${port}`).replace(/\/$/, "");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === "generated" || entry === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function buildIsStale(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const sources = [
    "app",
    "components",
    "lib",
    "next.config.js",
    "package.json",
    "package-lock.json",
    "proxy.ts",
    "instrumentation.ts",
  ];
  const newestSource = Math.max(...sources.map((source) => newestMtime(path.join(root, source))));
  return newestSource > statSync(buildId).mtimeMs;
}

// The server below always runs as production (NODE_ENV=production, as `next start` sets it).
const refusal = inngestDevRefusal({ ...process.env, NODE_ENV: "production" });
if (refusal) {
  console.error(refusal);
  process.exit(1);
}

// Unreadable security settings stop the start here, not at the first sign-up or sign-in.
try {
  signUpMode();
  trustedProxyCount();
  rateLimitRule("signup");
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  CONCORD_DATA_DIR: dataDir(),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL || appUrl,
  APP_URL: appUrl,
};
if (!env.AUTH_SECRET && !env.NEXTAUTH_SECRET) env.NEXTAUTH_SECRET = generatedSecrets().authSecret;
if (!env.CONCORD_ENCRYPTION_KEY) generatedSecrets();

const { kind, applied } = await migrateDatabase().catch((error: unknown) => {
  // A second process on the same embedded database: say so in one sentence, no stack.
  if (error instanceof DataFolderInUse) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
});
console.log(
  applied.length ? `Applied ${applied.length} migration(s) to ${kind}.` : `Database (${kind}) is up to date.`,
);

if (buildIsStale()) {
  console.log("Building Concord (first start or changed sources)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: "inherit" });
  if (build.status !== 0) {
    console.error("Build failed.");
    process.exit(build.status ?? 1);
  }
}

// scripts/serve.ts rather than `next start`: it records each request's peer address (rate limits).
const server = spawn(process.execPath, [...serverNodeFlags(), path.join(root, "scripts", "serve.ts")], {
  cwd: root,
  env: { ...env, PORT: port, NODE_ENV: "production" },
  stdio: ["ignore", "pipe", "inherit"],
});
let announced = false;
server.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (!announced && /Ready|started server|Local:/i.test(chunk.toString())) {
    announced = true;
    console.log(`\nConcord is running at ${appUrl} (database: ${dbKind()}, data folder: ${dataDir()})\n`);
  }
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code) => process.exit(code ?? 0));
