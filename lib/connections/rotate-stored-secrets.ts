/**
 * `npm run keys:rotate`: re-seals every stored secret under the first key of
 * CONCORD_ENCRYPTION_KEY and in the current envelope format (bound to its row), so older keys
 * can be removed from the variable afterwards. Rows are read in pages by id; each is written
 * back only if it still holds the envelope that was read (a token refresh running meanwhile
 * wins, and its envelope is already sealed under the first key).
 */
import { connectionCredentialsContext } from "./connection-credentials.ts";
import { db } from "../db/client.ts";
import { watchChannelTokenContext } from "../crypto/watch-channel-token-context.ts";
import { loadKeyring, type MasterKey } from "../crypto/keyring.ts";
import { needsReencryption, reencryptSecret } from "../crypto/secret-box.ts";

export interface RotationReport {
  /** Envelopes re-sealed under the first key. */
  resealed: number;
  /** Envelopes that already were current. */
  current: number;
  /** Rows whose secret could not be opened with any configured key (left unchanged). */
  failed: { table: string; id: string; reason: string }[];
}

const PAGE = 500;

interface SecretColumn {
  table: string;
  /** One page of rows after `afterId`: id, envelope and its context. */
  page(afterId: string | undefined): Promise<{ id: string; envelope: string; context: string }[]>;
  /** Writes `fresh` if the row still holds `previous`; false when it changed meanwhile. */
  replace(id: string, previous: string, fresh: string): Promise<boolean>;
}

const columns: SecretColumn[] = [
  {
    table: "Connection.credentials",
    async page(afterId) {
      const rows = await db().connection.findMany({
        where: afterId ? { id: { gt: afterId } } : {},
        select: { id: true, credentials: true },
        orderBy: { id: "asc" },
        take: PAGE,
      });
      return rows.map((row) => ({
        id: row.id,
        envelope: row.credentials,
        context: connectionCredentialsContext(row.id),
      }));
    },
    async replace(id, previous, fresh) {
      const { count } = await db().connection.updateMany({
        where: { id, credentials: previous },
        data: { credentials: fresh },
      });
      return count === 1;
    },
  },
  {
    table: "WatchChannel.token",
    async page(afterId) {
      const rows = await db().watchChannel.findMany({
        where: afterId ? { id: { gt: afterId } } : {},
        select: { id: true, channelId: true, token: true },
        orderBy: { id: "asc" },
        take: PAGE,
      });
      return rows.map((row) => ({ id: row.id, envelope: row.token, context: watchChannelTokenContext(row.channelId) }));
    },
    async replace(id, previous, fresh) {
      const { count } = await db().watchChannel.updateMany({ where: { id, token: previous }, data: { token: fresh } });
      return count === 1;
    },
  },
];

export async function rotateStoredSecrets(params: { keyring?: MasterKey[] } = {}): Promise<RotationReport> {
  const keyring = params.keyring ?? loadKeyring();
  const report: RotationReport = { resealed: 0, current: 0, failed: [] };
  for (const column of columns) {
    let afterId: string | undefined;
    for (;;) {
      const rows = await column.page(afterId);
      if (rows.length === 0) break;
      afterId = rows[rows.length - 1]?.id;
      for (const row of rows) {
        // An empty value is a row still being created (its secret follows in the same transaction).
        if (!row.envelope || !needsReencryption(row.envelope, keyring)) {
          report.current += 1;
          continue;
        }
        let fresh: string;
        try {
          fresh = reencryptSecret(row.envelope, keyring, row.context);
        } catch (error) {
          report.failed.push({ table: column.table, id: row.id, reason: (error as Error).message });
          continue;
        }
        if (await column.replace(row.id, row.envelope, fresh)) report.resealed += 1;
        else report.current += 1;
      }
    }
  }
  return report;
}
