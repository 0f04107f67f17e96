/**
 * A PostgreSQL session-level advisory lock held on a connection of its own. Session locks belong
 * to a connection, so Prisma's pool cannot hold one (any pooled connection may be closed or
 * reused); this dedicated client keeps it for as long as the process wants it, and PostgreSQL
 * releases it by itself when the process dies and its connection drops, which is what lets
 * another process take over.
 */
import pg from "pg";

export interface HeldAdvisoryLock {
  /** Called once if the connection (and so the lock) is lost. */
  onLost(callback: () => void): void;
  release(): Promise<void>;
}

export async function tryAdvisoryLock(params: { databaseUrl: string; key: number }): Promise<HeldAdvisoryLock | null> {
  const client = new pg.Client({ connectionString: params.databaseUrl, application_name: "concord-job-runner" });
  let lost: (() => void) | undefined;
  let isReleased = false;
  const fireLost = () => {
    if (isReleased) return;
    isReleased = true;
    lost?.();
  };
  client.on("error", fireLost);
  client.on("end", fireLost);
  await client.connect();
  const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [params.key]);
  if (!rows[0]?.locked) {
    isReleased = true;
    await client.end();
    return null;
  }
  return {
    onLost(callback) {
      lost = callback;
    },
    async release() {
      if (isReleased) return;
      isReleased = true;
      await client.end();
    },
  };
}
