/**
 * Pushes one event's outbox entries (docs/design.md "Sync rules", push). The entries of one event
 * are never reordered: they were applied to the stored text in order, so the push sends the
 * row's current state once - a create (under a stable name, If-None-Match), an update
 * (If-Match the etag the edits were made against, naming the changed fields for patch-style
 * APIs) or a delete (If-Match) - and marks every entry it covered DONE. A 412 fetches the
 * remote and merges three-way (merge/reconcile-with-remote.ts): a clean merge is pushed again
 * against the fetched etag, anything else becomes a conflict.
 */
import { db } from "../../db/client.ts";
import type { Event, PendingChange } from "../../db/generated/client.ts";
import { contentHash } from "../../ical/content-hash.ts";
import { diffEventFields } from "../../ical/diff-event-fields.ts";
import { parseEventResource } from "../../ical/parse-event-resource.ts";
import { GoneRemotely, PreconditionFailed, RemoteUnavailable } from "../../providers/errors.ts";
import { providerTraits } from "../../providers/provider-traits.ts";
import type { CalendarProvider, CalendarRef, RemoteObject } from "../../providers/types.ts";
import { fieldsOrNull } from "../merge/fields-or-null.ts";
import { reconcileWithRemote } from "../merge/reconcile-with-remote.ts";
import { finishDelete, finishWrite } from "./finish-write.ts";
import { isWaitingForMoveSource } from "./move-order.ts";
import { suggestedRefFor } from "./suggested-ref.ts";

/** 412 -> merge -> retry rounds before the remote is treated as too busy to write. */
const MAX_ROUNDS = 4;

/** waiting: held back on purpose (the source side of an iCloud move goes first). */
export type PushEventOutcome = "pushed" | "conflict" | "settled" | "waiting";

export interface PushContext {
  provider: CalendarProvider;
  calendar: CalendarRef;
  connectionId: string;
}

function uidOf(ical: string): string | null {
  try {
    return parseEventResource(ical, { withSpan: false }).uid;
  } catch {
    return null;
  }
}

function isSameContent(a: string, b: string): boolean {
  try {
    return contentHash(a) === contentHash(b);
  } catch {
    return false;
  }
}

/** What an update changed, for patch-style APIs (Google events.patch). */
function fieldsToPush(event: Event, changes: PendingChange[]): string[] {
  const names = new Set(changes.flatMap((change) => change.fields));
  const base = fieldsOrNull(event.base);
  const local = fieldsOrNull(event.ical);
  if (base && local) for (const name of diffEventFields(base, local)) names.add(name);
  return [...names];
}

async function mergeRejected(params: {
  context: PushContext;
  event: Event;
  isGone: boolean;
}): Promise<"conflict" | "retry"> {
  const { context, event } = params;
  const remote: RemoteObject | null =
    params.isGone || !event.remoteRef
      ? null
      : await context.provider.fetchEvent({ calendar: context.calendar, ref: event.remoteRef });
  const outcome = await db().$transaction((tx) => reconcileWithRemote({ tx, eventId: event.id, remote }));
  return outcome === "conflict" ? "conflict" : "retry";
}

/**
 * A create deleted before its push was confirmed may still have reached the remote (the
 * answer was lost, or the process stopped mid-request): look under its stable name so the
 * deletion does not leave it behind.
 */
async function findLostCreate(params: {
  context: PushContext;
  event: Event;
  changes: PendingChange[];
}): Promise<{ ref: string; etag: string | null } | null> {
  const createChange = params.changes.find((change) => change.kind === "CREATE");
  if (!createChange) return null;
  const { provider, calendar } = params.context;
  const suggestedRef = suggestedRefFor({ changeId: createChange.id });
  const existing = await provider.fetchEvent({
    calendar,
    ref: providerTraits(provider.name).refForSuggested(suggestedRef),
  });
  return existing && uidOf(existing.ical) === params.event.uid ? { ref: existing.ref, etag: existing.etag } : null;
}

export async function pushEvent(params: { context: PushContext; eventId: string }): Promise<PushEventOutcome> {
  const { context, eventId } = params;
  const { provider, calendar } = context;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // Entries first, then the row: every entry read is already applied to the text read, so
    // marking them DONE after the write can never drop an edit that arrived in between.
    const changes = await db().pendingChange.findMany({
      where: { eventId, status: "PENDING" },
      orderBy: { createdAt: "asc" },
    });
    if (changes.length === 0) return "settled";
    const event = await db().event.findUnique({ where: { id: eventId } });
    if (!event) return "settled";
    if (event.syncState === "CONFLICT") return "conflict";
    const changeIds = changes.map((change) => change.id);

    if (event.deletedLocally) {
      const target = event.remoteRef
        ? { ref: event.remoteRef, etag: event.etag }
        : await findLostCreate({ context, event, changes });
      if (target) {
        try {
          await provider.deleteEvent({ calendar, ref: target.ref, etag: target.etag });
        } catch (error) {
          if (!(error instanceof PreconditionFailed)) throw error;
          if ((await mergeRejected({ context, event, isGone: false })) === "conflict") return "conflict";
          continue;
        }
      }
      await finishDelete({ event, changeIds });
      return "pushed";
    }

    const written = providerTraits(provider.name).outgoingIcal(event.ical);
    if (!event.remoteRef) {
      if (await isWaitingForMoveSource({ providerName: provider.name, event, connectionId: context.connectionId })) {
        return "waiting";
      }
      const createChange = changes.find((change) => change.kind === "CREATE") ?? changes[0]!;
      const suggestedRef = suggestedRefFor({ changeId: createChange.id });
      try {
        const result = await provider.createEvent({ calendar, ical: written, uid: event.uid, suggestedRef });
        await finishWrite({ event, changeIds, written, result });
        return "pushed";
      } catch (error) {
        if (!(error instanceof PreconditionFailed)) throw error;
        // Our name is taken: most likely our own earlier create whose response was lost.
        const existing = await provider.fetchEvent({
          calendar,
          ref: providerTraits(provider.name).refForSuggested(suggestedRef),
        });
        if (!existing || uidOf(existing.ical) !== event.uid) throw error;
        if (contentHash(existing.ical) === contentHash(written)) {
          await finishWrite({
            event,
            changeIds,
            written,
            result: { ref: existing.ref, etag: existing.etag, ical: existing.ical },
          });
          return "pushed";
        }
        // Created, but local edits came after: they go out as an update against what is there.
        await db().event.update({
          where: { id: event.id },
          data: { remoteRef: existing.ref, etag: existing.etag, base: existing.ical },
        });
        continue;
      }
    }

    // Edits undone before they were sent (the text is back to what both sides agreed): nothing
    // to write, the server stays untouched and the entries settle as if pushed.
    if (event.base !== null && isSameContent(event.base, event.ical)) {
      await finishWrite({
        event,
        changeIds,
        written,
        result: { ref: event.remoteRef, etag: event.etag, ical: event.base },
      });
      return "settled";
    }
    try {
      const result = await provider.updateEvent({
        calendar,
        ref: event.remoteRef,
        ical: written,
        etag: event.etag,
        fields: fieldsToPush(event, changes),
      });
      await finishWrite({ event, changeIds, written, result });
      return "pushed";
    } catch (error) {
      if (!(error instanceof PreconditionFailed) && !(error instanceof GoneRemotely)) throw error;
      if ((await mergeRejected({ context, event, isGone: error instanceof GoneRemotely })) === "conflict")
        return "conflict";
    }
  }
  throw new RemoteUnavailable("the remote object kept changing while it was being written");
}
