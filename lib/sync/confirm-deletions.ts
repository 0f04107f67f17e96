/**
 * Applies the deletions a pull held back (the mass-deletion guard in pull/plan-pull.ts) once
 * the person confirmed them. Rows that gained a local edit meanwhile are not deleted: they go
 * to the merge like any remote deletion of an edited event.
 */
import { db } from "../db/client.ts";
import { Prisma } from "../db/generated/client.ts";
import { AppError, notFound } from "../errors/app-error.ts";
import { reconcileWithRemote } from "./merge/reconcile-with-remote.ts";
import { heldRefsOf } from "./pull-calendar.ts";
import { loadExistingRows } from "./pull/load-existing-rows.ts";

export async function confirmDeletions(params: {
  userId: string;
  calendarId: string;
}): Promise<{ deleted: number; conflicts: number }> {
  const calendar = await db().calendar.findFirst({
    where: { id: params.calendarId, userId: params.userId },
    select: { id: true, heldDeletions: true },
  });
  if (!calendar) throw notFound("Calendar");
  const held = new Set(heldRefsOf(calendar.heldDeletions));
  if (held.size === 0) throw new AppError("not_held", "This calendar has no deletions waiting for confirmation.");

  return db().$transaction(
    async (tx) => {
      const rows = (await loadExistingRows({ client: tx, calendarId: calendar.id })).filter((row) =>
        held.has(row.remoteRef),
      );
      const result = await tx.event.deleteMany({
        where: {
          id: { in: rows.filter((row) => !row.hasPendingChange).map((row) => row.id) },
          syncState: "SYNCED",
          pendingChanges: { none: { status: { in: ["PENDING", "HELD"] } } },
        },
      });
      let conflicts = 0;
      for (const row of rows.filter((r) => r.hasPendingChange)) {
        if ((await reconcileWithRemote({ tx, eventId: row.id, remote: null })) === "conflict") conflicts += 1;
      }
      await tx.calendar.update({
        where: { id: calendar.id },
        data: { syncState: "OK", heldDeletions: Prisma.DbNull, syncError: null },
      });
      return { deleted: result.count, conflicts };
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}
