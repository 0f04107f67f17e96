/**
 * Decides what one pull does to a calendar's rows, without touching the database, so every
 * safety rule is a plain function of its inputs (docs/design.md "Sync rules", "Hard-won rules"):
 * - same etag as stored: an echo of our own push or an unchanged object, skipped;
 * - rows with a pending local change are never overwritten or deleted here: they go to the
 *   merge step instead;
 * - deletions come only from explicit remote deletions or, after a complete listing, from the
 *   sweep of rows the listing did not name — never of rows our own push created on the remote
 *   after the listing was read (the listing cannot name them; the next pull, which starts from
 *   the listing's cursor, reports them if they really went);
 * - a pull that would delete more than half of the calendar (at least 2 rows), or a complete
 *   listing that comes back empty while rows exist, deletes nothing: the refs are held until
 *   the person confirms (vdirsyncer's StorageEmpty guard, docs/design.md "Hard-won rules").
 */
import type { RemoteChange, RemoteObject } from "../../providers/types.ts";

export interface ExistingRow {
  id: string;
  remoteRef: string;
  etag: string | null;
  version: number;
  /** syncState PENDING or CONFLICT, or an outbox entry still waiting. */
  hasPendingChange: boolean;
}

export interface PullPlan {
  creates: RemoteObject[];
  updates: { row: ExistingRow; remote: RemoteObject }[];
  /** Rows with a local change that the remote changed (remote object) or deleted (null). */
  merges: { row: ExistingRow; remote: RemoteObject | null }[];
  deletions: ExistingRow[];
  /** Refs held back by the mass-deletion guard (previously held ones included); empty = not held. */
  heldRefs: string[];
  skipped: number;
}

export function planPull(params: {
  /** Every remote-backed row after a full listing; else at least the rows the changes name. */
  existing: ExistingRow[];
  /** The calendar's remote-backed row count when `existing` is a subset (incremental pulls). */
  totalRows?: number;
  changes: RemoteChange[];
  isFullListing: boolean;
  /** Refs a previous pull held; while any remain, new deletions join them. */
  previouslyHeld: string[];
  /** Event ids whose create our push sent after this pull started listing: never swept. */
  createdSinceListing?: ReadonlySet<string>;
}): PullPlan {
  const byRef = new Map(params.existing.map((row) => [row.remoteRef, row]));
  // Last word per ref wins (a continued sync-collection may name a ref twice).
  const latest = new Map<string, RemoteChange>();
  for (const change of params.changes) latest.set(change.ref, change);

  const plan: PullPlan = { creates: [], updates: [], merges: [], deletions: [], heldRefs: [], skipped: 0 };
  const deletionCandidates: ExistingRow[] = [];
  const pendingDeletions: ExistingRow[] = [];
  let upserts = 0;

  for (const change of latest.values()) {
    const row = byRef.get(change.ref);
    if (change.type === "delete") {
      if (!row) continue;
      (row.hasPendingChange ? pendingDeletions : deletionCandidates).push(row);
      continue;
    }
    upserts += 1;
    const remote: RemoteObject = { ref: change.ref, etag: change.etag, ical: change.ical };
    if (!row) {
      plan.creates.push(remote);
    } else if (row.etag !== null && row.etag === change.etag) {
      plan.skipped += 1;
    } else if (row.hasPendingChange) {
      plan.merges.push({ row, remote });
    } else {
      plan.updates.push({ row, remote });
    }
  }

  if (params.isFullListing) {
    for (const row of params.existing) {
      if (latest.has(row.remoteRef) || params.createdSinceListing?.has(row.id)) continue;
      (row.hasPendingChange ? pendingDeletions : deletionCandidates).push(row);
    }
  }

  const stillHeld = params.previouslyHeld.filter((ref) => byRef.has(ref) && latest.get(ref)?.type !== "upsert");
  const total = params.totalRows ?? params.existing.length;
  const wouldDelete = deletionCandidates.length + pendingDeletions.length;
  const isMassDeletion = wouldDelete >= 2 && wouldDelete * 2 > total;
  const isEmptiedListing = params.isFullListing && upserts === 0 && total > 0 && wouldDelete > 0;

  if (stillHeld.length > 0 || isMassDeletion || isEmptiedListing) {
    const held = new Set(stillHeld);
    for (const row of [...deletionCandidates, ...pendingDeletions]) held.add(row.remoteRef);
    plan.heldRefs = [...held];
  } else {
    plan.deletions = deletionCandidates;
    for (const row of pendingDeletions) plan.merges.push({ row, remote: null });
  }
  return plan;
}
