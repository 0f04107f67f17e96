import type { calendar_v3 } from "@googleapis/calendar";
import type { GoogleCallContext } from "./call-google.ts";
import { callGoogle } from "./call-google.ts";

/** What the adapter's operations share: the API client and the call wrapper. */
export interface GoogleContext {
  api: calendar_v3.Calendar;
  callContext: GoogleCallContext;
}

export function runGoogle<T>(
  ctx: GoogleContext,
  request: () => Promise<{ data: T }>,
  classify: { isWrite?: boolean; hasSyncToken?: boolean } = {},
): Promise<T> {
  return callGoogle(ctx.callContext, async () => (await request()).data, classify);
}
