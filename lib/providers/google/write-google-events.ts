import { GoneRemotely, PreconditionFailed, ProviderError } from "../errors.ts";
import type { RemoteObject, WriteResult } from "../types.ts";
import { readGoogleError } from "./classify-google-error.ts";
import { fetchGoogleSeries } from "./fetch-google-series.ts";
import type { GoogleSeries } from "./fetch-google-series.ts";
import type { GoogleContext } from "./google-context.ts";
import { runGoogle } from "./google-context.ts";
import type { GoogleEvent } from "./google-event.ts";
import { toGoogleEventId } from "./google-event-id.ts";
import { googleSeriesToIcal, masterEtagOf, seriesEtag } from "./google-series-to-ical.ts";
import type { GoogleOverride } from "./ical-to-google-series.ts";
import { googleFieldsFor, icalToGoogleSeries, insertBodyOf, patchBodyOf } from "./ical-to-google-series.ts";

function toResult(series: GoogleSeries): WriteResult & RemoteObject {
  return {
    ref: series.master.id ?? "",
    etag: seriesEtag(series.master, series.exceptions),
    ical: googleSeriesToIcal(series),
  };
}

async function readBack(ctx: GoogleContext, calendarId: string, master: GoogleEvent): Promise<WriteResult> {
  if (!master.recurrence?.length) return toResult({ master, exceptions: [] });
  const series = await fetchGoogleSeries(ctx, { calendarId, masterId: master.id ?? "", known: master });
  if (!series) throw new GoneRemotely("Google event disappeared during the write");
  return toResult(series);
}

/** Writes overrides whose content differs from Google's current exceptions (patch = create). */
async function writeOverrides(
  ctx: GoogleContext,
  params: { calendarId: string; masterId: string; overrides: GoogleOverride[]; remote: GoogleEvent[] },
) {
  for (const override of params.overrides) {
    const instanceId = `${params.masterId}_${override.stamp}`;
    const remote = params.remote.find((e) => e.id === instanceId);
    const ifMatch = override.etag ? { headers: { "If-Match": override.etag } } : {};
    if (override.isCancelled) {
      if (remote?.status === "cancelled") continue;
      await runGoogle(
        ctx,
        () => ctx.api.events.delete({ calendarId: params.calendarId, eventId: instanceId }, ifMatch),
        { isWrite: true },
      );
      continue;
    }
    const { recurrence: _recurrence, ...body } = insertBodyOf(override.resource);
    if (remote && Object.entries(body).every(([key, value]) => JSON.stringify(remote[key]) === JSON.stringify(value)))
      continue;
    await runGoogle(
      ctx,
      () => ctx.api.events.patch({ calendarId: params.calendarId, eventId: instanceId, requestBody: body }, ifMatch),
      { isWrite: true },
    );
  }
}

/** events.insert with a client id from `suggestedRef`; 409 duplicate -> PreconditionFailed. */
export async function createGoogleEvent(
  ctx: GoogleContext,
  params: { calendarId: string; ical: string; uid: string; suggestedRef: string },
): Promise<WriteResult> {
  const parsed = icalToGoogleSeries(params.ical);
  const id = toGoogleEventId(params.suggestedRef);
  const requestBody = { ...insertBodyOf(parsed.master.resource), id, iCalUID: params.uid || parsed.uid };
  let master: GoogleEvent;
  try {
    master = (await runGoogle(ctx, () => ctx.api.events.insert({ calendarId: params.calendarId, requestBody }), {
      isWrite: true,
    })) as GoogleEvent;
  } catch (error) {
    if (error instanceof ProviderError && error.status === 409)
      throw new PreconditionFailed("Google event id already exists", 409);
    throw error;
  }
  if (parsed.overrides.length > 0)
    await writeOverrides(ctx, { calendarId: params.calendarId, masterId: id, overrides: parsed.overrides, remote: [] });
  return readBack(ctx, params.calendarId, master);
}

/**
 * events.patch of the fields that changed, conditional on the master's etag (If-Match, Google
 * version-resources guide); overrides that differ from Google's exceptions are patched too.
 */
export async function updateGoogleEvent(
  ctx: GoogleContext,
  params: { calendarId: string; ref: string; ical: string; etag: string | null; fields: string[] },
): Promise<WriteResult> {
  const parsed = icalToGoogleSeries(params.ical);
  // The etag the caller last confirmed wins over the one stored inside the text, which can be
  // older (a retried push after a merge would otherwise fail with 412 forever).
  const ifMatch = masterEtagOf(params.etag) ?? parsed.master.etag;
  const options = ifMatch ? { headers: { "If-Match": ifMatch } } : {};
  const body = patchBodyOf(parsed.master.resource, googleFieldsFor(params.fields, parsed.master.resource));
  let master: GoogleEvent | undefined;
  if (Object.keys(body).length > 0) {
    master = (await runGoogle(
      ctx,
      () => ctx.api.events.patch({ calendarId: params.calendarId, eventId: params.ref, requestBody: body }, options),
      {
        isWrite: true,
      },
    )) as GoogleEvent;
  }
  if (parsed.overrides.length > 0) {
    const remote = await fetchGoogleSeries(ctx, { calendarId: params.calendarId, masterId: params.ref, known: master });
    if (!remote) throw new GoneRemotely("Google event is gone", 404);
    if (!master && ifMatch && remote.master.etag !== ifMatch) throw new PreconditionFailed("Google event changed", 412);
    await writeOverrides(ctx, {
      calendarId: params.calendarId,
      masterId: params.ref,
      overrides: parsed.overrides,
      remote: remote.exceptions,
    });
    master = remote.master;
  }
  if (!master)
    master = (await runGoogle(ctx, () => ctx.api.events.get({ calendarId: params.calendarId, eventId: params.ref }), {
      isWrite: true,
    })) as GoogleEvent;
  return readBack(ctx, params.calendarId, master);
}

/** events.delete with If-Match; 404 and 410 `deleted` mean it is already gone: success. */
export async function deleteGoogleEvent(
  ctx: GoogleContext,
  params: { calendarId: string; ref: string; etag: string | null },
): Promise<void> {
  const ifMatch = masterEtagOf(params.etag);
  try {
    await runGoogle(
      ctx,
      () =>
        ctx.api.events.delete(
          { calendarId: params.calendarId, eventId: params.ref },
          ifMatch ? { headers: { "If-Match": ifMatch } } : {},
        ),
      {
        isWrite: true,
      },
    );
  } catch (error) {
    const status = error instanceof ProviderError ? error.status : readGoogleError(error).status;
    if (error instanceof GoneRemotely || status === 404 || status === 410) return;
    throw error;
  }
}

/** The current remote series behind `ref`, or null when it is gone. */
export async function fetchGoogleEvent(
  ctx: GoogleContext,
  params: { calendarId: string; ref: string },
): Promise<RemoteObject | null> {
  const series = await fetchGoogleSeries(ctx, { calendarId: params.calendarId, masterId: params.ref });
  return series ? toResult(series) : null;
}
