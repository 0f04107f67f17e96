// What the suites need beyond node_modules: PostgreSQL on 127.0.0.1:5432, Radicale, Xandikos
// and Chromium from Debian's packages. Started or installed when possible (root on Debian),
// otherwise reported by name.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import pg from "pg";

const postgresUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function tryStartPostgres(): void {
  if (!existsSync("/etc/postgresql")) return;
  for (const version of readdirSync("/etc/postgresql")) {
    spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], { stdio: "inherit" });
  }
}

const packages: Record<string, () => boolean> = {
  radicale: () => spawnSync("/usr/bin/python3", ["-c", "import radicale"]).status === 0,
  xandikos: () => existsSync("/usr/bin/xandikos"),
  chromium: () => existsSync("/usr/bin/chromium"),
};

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

export async function ensureTestPrerequisites(): Promise<string[]> {
  const problems: string[] = [];
  if (!(await postgresReachable())) {
    tryStartPostgres();
    if (!(await postgresReachable())) {
      problems.push(`PostgreSQL at ${postgresUrl} (set TEST_DATABASE_URL, or install and start postgresql)`);
    }
  }
  const missing = Object.keys(packages).filter((name) => !packages[name]?.());
  if (missing.length && isRoot() && existsSync("/usr/bin/apt-get")) {
    console.log(`Installing Debian packages: ${missing.join(", ")}`);
    try {
      execFileSync("apt-get", ["update"], { stdio: "inherit" });
      execFileSync("apt-get", ["install", "-y", ...missing], {
        stdio: "inherit",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
    } catch {
      // Reported below by name.
    }
  }
  for (const name of Object.keys(packages)) {
    if (!packages[name]?.()) problems.push(`the Debian package ${name} (apt-get install ${name})`);
  }
  return problems;
}
