import type { calendar_v3 } from "@googleapis/calendar";
import { RemoteUnavailable } from "../errors.ts";
import type { GoogleCallContext } from "./call-google.ts";
import { callGoogle } from "./call-google.ts";

/** What the adapter's operations share: the API client and the call wrapper. */
export interface GoogleContext {
  api: calendar_v3.Calendar;
  callContext: GoogleCallContext;
}

/**
 * One API call through callGoogle. Every Calendar API answer with a body is a JSON object;
 * gaxios hands back the raw text when the body does not parse — an answer cut short after
 * its headers without a Content-Length looks complete on the wire (RFC 9112 §6.3). Read as an
 * events.list page, that text has no items and no nextSyncToken: an empty calendar, or "no
 * changes" with the cursor dropped. So a non-empty text answer is a failed read.
 */
export function runGoogle<T>(
  ctx: GoogleContext,
  request: () => Promise<{ data: T }>,
  classify: { isWrite?: boolean; hasSyncToken?: boolean } = {},
): Promise<T> {
  return callGoogle(
    ctx.callContext,
    async () => {
      const { data } = await request();
      if (typeof data === "string" && data.trim() !== "") {
        throw new RemoteUnavailable("Google's answer was cut off or was not JSON; the read is incomplete");
      }
      return data;
    },
    classify,
  );
}
