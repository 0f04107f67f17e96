// `npm run keys:rotate`: re-seals every stored credential under the first key of
// CONCORD_ENCRYPTION_KEY (lib/crypto/rotate-stored-secrets.ts). Rotate a key in three steps:
// put the new key first (`CONCORD_ENCRYPTION_KEY=new,old`), run this, then drop the old key.
// With embedded PGlite, stop the server first: one process at a time may open its data folder.
import { closeDb } from "../lib/db/client.ts";
import { dbKind } from "../lib/db/config.ts";
import { loadKeyring } from "../lib/crypto/keyring.ts";
import { rotateStoredSecrets } from "../lib/connections/rotate-stored-secrets.ts";

const keyring = loadKeyring();
console.log(`Re-sealing stored credentials under key ${keyring[0]?.id} (database: ${dbKind()})…`);
let failed = 0;
try {
  const report = await rotateStoredSecrets({ keyring });
  console.log(`Re-sealed ${report.resealed}, already current ${report.current}.`);
  for (const failure of report.failed) {
    console.error(`Could not re-seal ${failure.table} of row ${failure.id}: ${failure.reason}`);
  }
  failed = report.failed.length;
  if (failed > 0) {
    console.error(
      `${failed} secret(s) were left as they are: keep the key(s) they were sealed with in CONCORD_ENCRYPTION_KEY, or reconnect those accounts.`,
    );
  } else if (keyring.length > 1) {
    console.log(
      "Every stored credential now uses the first key; the others can be removed from CONCORD_ENCRYPTION_KEY.",
    );
  }
} finally {
  await closeDb();
}
process.exit(failed > 0 ? 1 : 0);
