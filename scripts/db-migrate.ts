// `npm run db:migrate`: applies prisma/migrations, in order and once, to the PostgreSQL of
// DATABASE_URL or to the embedded PGlite in CONCORD_DATA_DIR.
import { migrateDatabase } from "../lib/db/migrate-database.ts";

try {
  const { kind, applied } = await migrateDatabase();
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${kind}: ${applied.join(", ")}`
      : `Database (${kind}) is up to date.`,
  );
  process.exit(0);
} catch (error) {
  console.error(`Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
