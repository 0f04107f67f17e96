/**
 * The remote side of a convergence run: the real server (Radicale, or the Google fake) with
 * the fault proxy in front of it for Concord, and a second client that talks to the server
 * directly (no faults) and edits the same calendar while Concord syncs.
 */
import { createCaldavProvider } from "../../../lib/providers/caldav.ts";
import { createGoogleProvider } from "../../../lib/providers/google.ts";
import type { CalendarProvider, CalendarRef, RemoteObject } from "../../../lib/providers/types.ts";
import { startCaldavProxy, type CaldavProxy } from "../../helpers/caldav-proxy.ts";
import { startCaldavTarget } from "../../helpers/caldav-servers.ts";
import { createRandomFaults, type RandomFaults } from "../../helpers/random-faults.ts";
import { startGoogleFake, type GoogleFake } from "../../fakes/google/start-google-fake.ts";

export type ConvergenceRemoteKind = "radicale" | "google";

export interface ConvergenceRemote {
  kind: ConvergenceRemoteKind;
  calendar: CalendarRef;
  /** Concord's adapter, through the fault proxy. */
  concord: CalendarProvider;
  /** The other client's adapter, straight to the server. */
  other: CalendarProvider;
  proxy: CaldavProxy;
  faults: RandomFaults;
  /** CalDAV: where Concord's stored connection points (the proxy); null for Google. */
  serverUrl: string | null;
  credentials: { username: string; password: string } | null;
  googleControl: GoogleFake["control"] | null;
  /** Every object of the calendar as the other client lists it now. */
  listRemote(): Promise<RemoteObject[]>;
  stop(): Promise<void>;
}

export async function startConvergenceRemote(params: {
  kind: ConvergenceRemoteKind;
  seed: number;
  faultRate: number;
  stallMs?: number;
}): Promise<ConvergenceRemote> {
  const faults = createRandomFaults({ seed: params.seed, probability: params.faultRate, stallMs: params.stallMs });
  if (params.kind === "radicale") {
    const target = await startCaldavTarget("radicale");
    const proxy = await startCaldavProxy({ target: target.serverUrl, faults: faults.decide });
    const path = new URL(target.calendarUrl).pathname;
    const calendar: CalendarRef = { remoteId: path, remoteUrl: path, supportsSyncCollection: true };
    const credentials = { username: target.username, password: target.password };
    const other = createCaldavProvider({ serverUrl: target.serverUrl, ...credentials });
    return {
      kind: params.kind,
      calendar,
      concord: createCaldavProvider({ serverUrl: proxy.url, ...credentials, logError: () => {} }),
      other,
      proxy,
      faults,
      serverUrl: proxy.url,
      credentials,
      googleControl: null,
      listRemote: () => listAll(other, calendar),
      stop: async () => {
        await proxy.stop();
        await target.stop();
      },
    };
  }
  const fake = await startGoogleFake();
  const proxy = await startCaldavProxy({ target: fake.url, faults: faults.decide });
  const calendarId = "convergence@example.com";
  await fake.control.addCalendar({ id: calendarId, summary: "Convergence", timeZone: "Europe/Berlin" });
  // Deleted events come back as Google documents the minimum: id and status only.
  await fake.control.setOptions({ minimalDeletions: true, dropCancelledInstanceFields: true });
  const googleAdapter = async (rootUrl: string) => {
    const grant = await fake.control.createGrant({ clientId: "concord-convergence" });
    return createGoogleProvider({
      credentials: { accessToken: grant.accessToken, refreshToken: grant.refreshToken, expiryDate: grant.expiryDate },
      clientId: "concord-convergence",
      clientSecret: "test-secret",
      apiRootUrl: rootUrl,
      oauthUrl: rootUrl,
      retryPolicy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    });
  };
  const calendar: CalendarRef = { remoteId: calendarId };
  const other = await googleAdapter(fake.url);
  return {
    kind: params.kind,
    calendar,
    concord: await googleAdapter(proxy.url),
    other,
    proxy,
    faults,
    serverUrl: null,
    credentials: null,
    googleControl: fake.control,
    listRemote: () => listAll(other, calendar),
    stop: async () => {
      await proxy.stop();
      await fake.stop();
    },
  };
}

async function listAll(provider: CalendarProvider, calendar: CalendarRef): Promise<RemoteObject[]> {
  const listing = await provider.pull({ calendar, cursor: null });
  return listing.changes.flatMap((change) => (change.type === "upsert" ? [change] : []));
}
