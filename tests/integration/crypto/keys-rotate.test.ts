/**
 * `npm run keys:rotate` as an operator runs it (a separate process, on PostgreSQL and on an
 * embedded PGlite data folder): every stored credential is re-sealed under the new key, the old
 * key can then be removed, and the credentials still work against a real CalDAV server
 * (Radicale). Envelopes are bound to their row: swapped between rows, they no longer open.
 */
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { storeConnection } from "../../../lib/connections/store-connection.ts";
import { loadKeyring } from "../../../lib/crypto/keyring.ts";
import { DecryptionFailed, encryptSecret } from "../../../lib/crypto/secret-box.ts";
import { useDb } from "../../../lib/db/client.ts";
import { PrismaClient } from "../../../lib/db/generated/client.ts";
import { handleGoogleWebhook } from "../../../lib/google-connection/handle-google-webhook.ts";
import { watchChannelTokenContext } from "../../../lib/crypto/watch-channel-token-context.ts";
import { createCaldavProvider } from "../../../lib/providers/caldav.ts";
import { providerForConnection } from "../../../lib/connections/provider-for-connection.ts";
import { makeCalendar } from "../../helpers/caldav-client.ts";
import { startRadicale, type RadicaleServer } from "../../helpers/radicale.ts";
import { createPostgresDatabase, dropPostgresDatabase } from "../../helpers/test-db.ts";

const root = path.resolve(import.meta.dirname, "../../..");
// The v1 fixture holds alice's password for this Radicale, sealed before row binding existed.
const v1 = JSON.parse(readFileSync(path.join(root, "tests/fixtures/crypto/v1-envelope.json"), "utf8")) as {
  key: string;
  envelope: string;
};
const oldKey = v1.key;
const newKey = randomBytes(32).toString("base64");
const username = "alice";
const alicePassword = "v1 era secret";

function runScript(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "scripts", script)], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: "", CONCORD_DATA_DIR: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

interface Target {
  env: Record<string, string>;
  open(): Promise<{ prisma: PrismaClient; close(): Promise<void> }>;
  dispose(): Promise<void>;
}

async function postgresTarget(): Promise<Target> {
  const url = await createPostgresDatabase();
  return {
    env: { DATABASE_URL: url },
    open: async () => {
      const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
      return { prisma, close: () => prisma.$disconnect() };
    },
    dispose: () => dropPostgresDatabase(url),
  };
}

async function pgliteTarget(): Promise<Target> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "concord-keys-"));
  const migrated = await runScript("db-migrate.ts", { CONCORD_DATA_DIR: dataDir });
  if (migrated.code !== 0) throw new Error(`db:migrate failed: ${migrated.output}`);
  return {
    env: { CONCORD_DATA_DIR: dataDir },
    open: async () => {
      // One process at a time per data folder: the test closes it before the script runs.
      const pglite = new PGlite(path.join(dataDir, "pglite"));
      const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
      return {
        prisma,
        close: async () => {
          await prisma.$disconnect();
          await pglite.close();
        },
      };
    },
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
}

let radicale: RadicaleServer;

beforeAll(async () => {
  radicale = await startRadicale({ users: { [username]: alicePassword } });
  await makeCalendar({
    url: radicale.calendarUrl({ user: username, calendar: "work" }),
    auth: { username, password: alicePassword },
    displayName: "Work",
  });
});
afterAll(async () => {
  await radicale?.stop();
});
afterEach(() => {
  vi.unstubAllEnvs();
  useDb(undefined);
});

describe.each([
  ["postgres", postgresTarget],
  ["pglite", pgliteTarget],
] as const)("keys:rotate on %s", (_kind, makeTarget) => {
  let target: Target;
  beforeAll(async () => {
    target = await makeTarget();
  });
  afterAll(async () => {
    await target?.dispose();
  });

  it("re-seals every stored credential, so the old key can be removed and the accounts still sync", async () => {
    // Before: one connection sealed under the old key (v2), one still in the v1 format, one push channel token.
    vi.stubEnv("CONCORD_ENCRYPTION_KEY", oldKey);
    let handle = await target.open();
    useDb(handle.prisma);
    const provider = createCaldavProvider({ serverUrl: radicale.url, username, password: alicePassword });
    const user = await handle.prisma.user.create({ data: { email: `keys-${randomUUID()}@example.test` } });
    const { connection: current, calendars } = await storeConnection({
      userId: user.id,
      provider: "CALDAV",
      serverUrl: radicale.url,
      accountName: username,
      credentials: { kind: "password", username, password: alicePassword },
      calendars: await provider.listCalendars(),
    });
    const legacy = await handle.prisma.connection.create({
      data: {
        userId: user.id,
        provider: "CALDAV",
        serverUrl: radicale.url,
        accountName: `${username}-legacy`,
        credentials: v1.envelope,
      },
    });
    const channelId = randomUUID();
    const channelToken = randomBytes(24).toString("base64url");
    await handle.prisma.watchChannel.create({
      data: {
        userId: user.id,
        calendarId: calendars[0]!.id,
        channelId,
        token: encryptSecret(channelToken, loadKeyring(), watchChannelTokenContext(channelId)),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    await handle.close();
    useDb(undefined);

    // Rotate: new key first, then the script.
    const rotated = await runScript("keys-rotate.ts", { ...target.env, CONCORD_ENCRYPTION_KEY: `${newKey},${oldKey}` });
    expect(rotated.output).toMatch(/Re-sealed 3, already current 0/);
    expect(rotated.code).toBe(0);
    expect(rotated.output).not.toContain(alicePassword);
    const again = await runScript("keys-rotate.ts", { ...target.env, CONCORD_ENCRYPTION_KEY: `${newKey},${oldKey}` });
    expect(again.output).toMatch(/Re-sealed 0, already current 3/);

    // The old key is gone: everything still opens and works.
    vi.stubEnv("CONCORD_ENCRYPTION_KEY", newKey);
    handle = await target.open();
    useDb(handle.prisma);
    try {
      for (const id of [current.id, legacy.id]) {
        const connection = await handle.prisma.connection.findUniqueOrThrow({ where: { id } });
        expect(connection.credentials.startsWith("v2.")).toBe(true);
        const adapter = await providerForConnection({ connection });
        const listed = await adapter.listCalendars();
        expect(listed.map((calendar) => calendar.name)).toContain("Work");
      }
      const webhook = await handleGoogleWebhook({
        headers: new Headers({
          "x-goog-channel-id": channelId,
          "x-goog-channel-token": channelToken,
          "x-goog-resource-state": "sync",
        }),
      });
      expect(webhook).toEqual({ status: 200, outcome: "ignored_sync" });

      // Swapped between rows, an envelope does not open: the row binding holds.
      const [a, b] = await Promise.all(
        [current.id, legacy.id].map((id) => handle.prisma.connection.findUniqueOrThrow({ where: { id } })),
      );
      await handle.prisma.connection.update({ where: { id: b!.id }, data: { credentials: a!.credentials } });
      const swapped = await handle.prisma.connection.findUniqueOrThrow({ where: { id: b!.id } });
      await expect(providerForConnection({ connection: swapped })).rejects.toBeInstanceOf(DecryptionFailed);
    } finally {
      await handle.close();
    }
    // Separate processes opening PGlite, each more than once: generous on a busy machine.
  }, 300_000);
});
