/**
 * The HTTP answer of the sync endpoints (docs/api.md "Calendars"): 202 {runId} when queued, 200 with
 * the counts once a waited-for sync finished.
 */
import type { SyncCalendarsResult } from "./sync-calendars.ts";

export function syncResponse(result: SyncCalendarsResult): Response {
  if (!result.wait) {
    return Response.json({ runId: result.runId, runIds: result.runIds }, { status: 202 });
  }
  const { wait, ...body } = result;
  void wait;
  return Response.json(body, { status: 200 });
}

/** `?wait=true` (also `1`) on the request URL. */
export function wantsWait(request: Request): boolean {
  const value = new URL(request.url).searchParams.get("wait");
  return value === "true" || value === "1";
}
