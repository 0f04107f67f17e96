import { readGoogleError } from "./classify-google-error.ts";
import type { GoogleContext } from "./google-context.ts";
import { runGoogle } from "./google-context.ts";
import type { GoogleEvent } from "./google-event.ts";
import { listAllEvents } from "./list-all-events.ts";
import { ProviderError } from "../errors.ts";

export interface GoogleSeries {
  master: GoogleEvent;
  /** Modified and cancelled instances. */
  exceptions: GoogleEvent[];
}

/**
 * The complete current series of `masterId` (master + every exception), or null when it is
 * gone. Exceptions share the master's iCalUID, so one events.list by iCalUID finds them all.
 */
export async function fetchGoogleSeries(
  ctx: GoogleContext,
  params: { calendarId: string; masterId: string; known?: GoogleEvent },
): Promise<GoogleSeries | null> {
  let master = params.known;
  if (!master) {
    try {
      master = (await runGoogle(ctx, () =>
        ctx.api.events.get({ calendarId: params.calendarId, eventId: params.masterId }),
      )) as GoogleEvent;
    } catch (error) {
      const status = error instanceof ProviderError ? error.status : readGoogleError(error).status;
      if (status === 404 || status === 410) return null;
      throw error;
    }
  }
  if (master.status === "cancelled") return null;
  if (!master.recurrence?.length || !master.iCalUID) return { master, exceptions: [] };
  const { items } = await listAllEvents(ctx, { calendarId: params.calendarId, iCalUID: master.iCalUID });
  const current = items.find((item) => item.id === params.masterId);
  if (!current || current.status === "cancelled") return null;
  return {
    master: current,
    exceptions: items.filter(
      (item) => item.recurringEventId === params.masterId || item.id?.startsWith(`${params.masterId}_`),
    ),
  };
}
