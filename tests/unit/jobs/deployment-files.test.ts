import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = path.resolve(import.meta.dirname, "../../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
  volumes?: string[];
}

const compose = parse(read("docker-compose.yml")) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;

describe("docker-compose.yml", () => {
  it("runs the app, its PostgreSQL 15, and Inngest with its own PostgreSQL and Redis", () => {
    expect(Object.keys(services).sort()).toEqual(["app", "db", "inngest", "inngest-db", "redis"]);
    expect(services.app?.build).toBe(".");
    expect(services.db?.image).toBe("postgres:15");
    expect(services["inngest-db"]?.image).toBe("postgres:15");
    expect(services.inngest?.image).toMatch(/^inngest\/inngest/);
    expect(services.redis?.image).toMatch(/^redis/);
  });

  it("points the app at Inngest and Inngest back at the app's /api/inngest", () => {
    const app = services.app?.environment ?? {};
    const inngest = services.inngest?.environment ?? {};
    expect(app.INNGEST_BASE_URL).toBe("http://inngest:8288");
    expect(app.DATABASE_URL).toMatch(/^postgres:\/\/concord:.*@db:5432\/concord$/);
    for (const key of ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"]) {
      expect(app[key]).toMatch(new RegExp(`^\\$\\{${key}:\\?`));
      expect(inngest[key]).toBe(app[key]);
    }
    expect(inngest.INNGEST_POSTGRES_URI).toMatch(/@inngest-db:5432\/inngest/);
    expect(inngest.INNGEST_REDIS_URI).toBe("redis://redis:6379");
    const command = services.inngest?.command ?? [];
    expect(command.slice(0, 2)).toEqual(["inngest", "start"]);
    expect(command[command.indexOf("--sdk-url") + 1]).toBe("http://app:3000/api/inngest");
  });

  it("only depends on services and volumes it declares, and keeps secrets out of the file", () => {
    for (const service of Object.values(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) expect(services).toHaveProperty(dependency);
      for (const volume of service.volumes ?? [])
        expect(compose.volumes).toHaveProperty(volume.split(":")[0] as string);
    }
    for (const service of Object.values(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/KEY|SECRET|PASSWORD/.test(key)) expect(value).toMatch(/^\$\{[A-Z_]+:[?-]/);
      }
    }
  });

  it("has every variable it sets documented in docs/deployment.md", () => {
    const doc = read("docs/deployment.md");
    const names = new Set<string>();
    for (const name of Object.keys(services.app?.environment ?? {})) names.add(name);
    for (const match of read("docker-compose.yml").matchAll(/\$\{([A-Z_]+)/g)) names.add(match[1] as string);
    for (const name of names) expect(doc, name).toContain(name);
  });
});

describe("Dockerfile", () => {
  it("builds on node:24-slim with npm ci and next build, and serves with npm start", () => {
    const dockerfile = read("Dockerfile");
    expect(dockerfile).toMatch(/^FROM node:24-slim$/m);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/^RUN npx next build$/m);
    expect(dockerfile).toMatch(/^CMD \["npm", "start"\]$/m);
  });
});
