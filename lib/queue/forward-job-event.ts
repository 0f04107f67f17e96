import { db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { ConcordEvent } from "./events.ts";

/** Leaves an event for the process that runs the embedded jobs on this database. */
export async function forwardJobEvent(event: ConcordEvent): Promise<void> {
  await db().forwardedJobEvent.create({
    data: { name: event.name, data: event.data as Prisma.InputJsonValue },
  });
}
