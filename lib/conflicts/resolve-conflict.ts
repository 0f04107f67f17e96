/**
 * Resolves a conflict (docs/api.md `POST /api/v1/conflicts/{id}/resolve`, docs/design.md "Sync rules"):
 * the choice produces one final version, written as a new pending change against the remote's
 * current etag and pushed like any edit; choosing the remote adopts its text with nothing to
 * push; `both` keeps the remote version and saves the local one as a new event (new UID) in the
 * same calendar. Both original versions stay in the Conflict row.
 */
import { z } from "zod";
import { db } from "../db/client.ts";
import type { Conflict, Event, Prisma } from "../db/generated/client.ts";
import { AppError, notFound } from "../errors/app-error.ts";
import { buildEventResource } from "../ical/build-event-resource.ts";
import { contentHash } from "../ical/content-hash.ts";
import { diffEventFields } from "../ical/diff-event-fields.ts";
import { extractEventFields } from "../ical/extract-event-fields.ts";
import { newEventUid } from "../events/create-event.ts";
import { eventColumnsFromIcal } from "../ical/event-columns.ts";
import { queuePush } from "../events/edit-queue-push.ts";
import { insertLocalEvent } from "../events/update-event.ts";
import { composeResolution, type Side } from "./compose-resolution.ts";

type Tx = Prisma.TransactionClient;

export const ResolveConflictInput = z.object({
  choice: z.enum(["local", "remote", "both", "fields"]),
  fields: z.record(z.string(), z.enum(["local", "remote"])).optional(),
});
export type ResolveConflictInput = z.infer<typeof ResolveConflictInput>;

const TIME_GROUP = ["start", "end", "allDay", "timeZone"];

function fieldChooser(conflict: Conflict, input: ResolveConflictInput): (field: string) => Side {
  if (input.choice !== "fields") return () => (input.choice === "remote" ? "remote" : "local");
  const picks = input.fields ?? {};
  const pick = (field: string): Side | undefined =>
    picks[field] ?? (TIME_GROUP.includes(field) ? TIME_GROUP.map((name) => picks[name]).find(Boolean) : undefined);
  const missing = conflict.fields.filter((field) => !pick(field));
  if (missing.length > 0) {
    throw new AppError(
      "validation_failed",
      `Choose local or remote for every conflicting field: ${missing.join(", ")}.`,
      { details: { missing } },
    );
  }
  return (field) => pick(field)!;
}

/** Settles the held outbox entries: the resolution replaces them. */
async function closeHeld(tx: Tx, eventId: string): Promise<void> {
  await tx.pendingChange.updateMany({
    where: { eventId, status: { in: ["HELD", "PENDING"] } },
    data: { status: "DONE", lastError: null },
  });
}

async function adoptRemote(tx: Tx, event: Event, conflict: Conflict): Promise<Event> {
  await closeHeld(tx, event.id);
  if (conflict.remoteIcal === null) {
    // The remote deleted it: the row becomes a hidden tombstone (it keeps the Conflict row alive).
    return tx.event.update({
      where: { id: event.id },
      data: { deletedLocally: true, remoteRef: null, etag: null, syncState: "SYNCED", version: { increment: 1 } },
    });
  }
  const ical = conflict.remoteIcal;
  return tx.event.update({
    where: { id: event.id },
    data: {
      ...eventColumnsFromIcal(ical),
      ical,
      base: ical,
      etag: conflict.remoteEtag,
      deletedLocally: false,
      syncState: "SYNCED",
      version: { increment: 1 },
    },
  });
}

async function writeFinal(tx: Tx, event: Event, conflict: Conflict, ical: string): Promise<Event> {
  const remote = conflict.remoteIcal as string;
  if (contentHash(ical) === contentHash(remote)) return adoptRemote(tx, event, conflict);
  await closeHeld(tx, event.id);
  const updated = await tx.event.update({
    where: { id: event.id },
    data: {
      ...eventColumnsFromIcal(ical),
      ical,
      base: remote,
      etag: conflict.remoteEtag,
      deletedLocally: false,
      syncState: "PENDING",
      version: { increment: 1 },
    },
  });
  await tx.pendingChange.create({
    data: {
      userId: event.userId,
      eventId: event.id,
      calendarId: event.calendarId,
      kind: "UPDATE",
      fields: diffEventFields(extractEventFields(remote), extractEventFields(ical)),
      baseEtag: conflict.remoteEtag,
    },
  });
  return updated;
}

export async function resolveConflict(params: {
  userId: string;
  conflictId: string;
  input: ResolveConflictInput;
}): Promise<{ event: Event; copy?: Event }> {
  const { input } = params;
  const result = await db().$transaction(async (tx) => {
    const conflict = await tx.conflict.findFirst({ where: { id: params.conflictId, userId: params.userId } });
    if (!conflict) throw notFound("Conflict");
    if (conflict.status === "RESOLVED")
      throw new AppError("already_resolved", "This conflict has already been resolved.");
    const event = await tx.event.findUniqueOrThrow({ where: { id: conflict.eventId } });
    if (input.choice === "fields" && conflict.kind !== "EDIT_EDIT") {
      throw new AppError("validation_failed", "Only an edit/edit conflict can be resolved field by field.");
    }
    let resolved: { event: Event; copy?: Event };
    if (input.choice === "remote") {
      resolved = { event: await adoptRemote(tx, event, conflict) };
    } else if (conflict.kind === "EDIT_EDIT") {
      if (input.choice === "both") {
        const local = extractEventFields(conflict.localIcal as string);
        const copy = await insertLocalEvent({
          tx,
          from: event,
          ical: buildEventResource({ uid: newEventUid(), fields: local }),
        });
        resolved = { event: await adoptRemote(tx, event, conflict), copy };
      } else {
        const ical = composeResolution({
          base: conflict.baseIcal,
          local: conflict.localIcal as string,
          remote: conflict.remoteIcal as string,
          choose: fieldChooser(conflict, input),
        });
        resolved = { event: await writeFinal(tx, event, conflict, ical) };
      }
    } else if (conflict.kind === "EDIT_DELETE") {
      // Keeping the local edit of an event the remote deleted means creating it again.
      await closeHeld(tx, event.id);
      const ical = conflict.localIcal as string;
      const updated = await tx.event.update({
        where: { id: event.id },
        data: {
          ...eventColumnsFromIcal(ical),
          ical,
          base: null,
          remoteRef: null,
          etag: null,
          syncState: "PENDING",
          version: { increment: 1 },
        },
      });
      await tx.pendingChange.create({
        data: {
          userId: event.userId,
          eventId: event.id,
          calendarId: event.calendarId,
          kind: "CREATE",
          fields: [],
          baseEtag: null,
        },
      });
      resolved = { event: updated };
    } else if (input.choice === "local") {
      // DELETE_EDIT, keep the deletion: delete the version the remote now has.
      await closeHeld(tx, event.id);
      const updated = await tx.event.update({
        where: { id: event.id },
        data: { base: conflict.remoteIcal, etag: conflict.remoteEtag, syncState: "PENDING", version: { increment: 1 } },
      });
      await tx.pendingChange.create({
        data: {
          userId: event.userId,
          eventId: event.id,
          calendarId: event.calendarId,
          kind: "DELETE",
          fields: [],
          baseEtag: conflict.remoteEtag,
        },
      });
      resolved = { event: updated };
    } else {
      // DELETE_EDIT, both: the local side is a deletion, so keeping both is keeping the remote edit.
      resolved = { event: await adoptRemote(tx, event, conflict) };
    }
    await tx.conflict.update({
      where: { id: conflict.id },
      data: {
        status: "RESOLVED",
        resolvedAt: new Date(),
        resolution: { choice: input.choice, ...(input.fields ? { fields: input.fields } : {}) },
      },
    });
    return resolved;
  });
  await queuePush({ calendarIds: [result.event.calendarId] });
  return result;
}
