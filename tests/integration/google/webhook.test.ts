/**
 * POST /api/webhooks/google with the notifications the Google fake really sends (delivered to
 * the route through a loopback listener) and with spoofed ones: only a live channel with its
 * own token queues work, `sync` queues nothing, and a burst of notifications ends in one pull.
 */
import { describe, expect, it } from "vitest";
import * as webhookRoute from "../../../app/api/webhooks/google/route.ts";
import { db } from "../../../lib/db/client.ts";
import { createEmbeddedRunner } from "../../../lib/jobs/embedded/embedded-runner.ts";
import { setEmbeddedInbox } from "../../../lib/queue/embedded-inbox.ts";
import { handleGoogleNotificationFunction } from "../../../lib/jobs/functions/handle-google-notification.ts";
import { pullCalendarFunction } from "../../../lib/jobs/functions/pull-calendar.ts";
import { useSyncOperations } from "../../../lib/jobs/sync-operations.ts";
import { googleEvent, PRIMARY, setupGoogleIntegration, userWithGoogle } from "./google-harness.ts";

const h = setupGoogleIntegration();

/** The primary calendar's channel as stored, with the token the fake holds for it. */
async function primaryChannel(userId: string) {
  const calendar = await db().calendar.findFirstOrThrow({ where: { userId, remoteId: PRIMARY } });
  const channel = await db().watchChannel.findFirstOrThrow({ where: { calendarId: calendar.id, stoppedAt: null } });
  const remote = (await h.fake.control.channels()).find((c) => c.id === channel.channelId);
  if (!remote?.token) throw new Error("channel missing at the fake");
  return { calendar, channel, remote };
}

async function post(headers: Record<string, string>) {
  const response = await webhookRoute.POST(
    new Request(`${h.appUrl}/api/webhooks/google`, { method: "POST", headers }),
    { params: Promise.resolve({}) },
  );
  return response.status;
}

function headersOf(remote: { id: string; token?: string; resourceId: string }, state: string) {
  return {
    "x-goog-channel-id": remote.id,
    "x-goog-channel-token": remote.token ?? "",
    "x-goog-resource-id": remote.resourceId,
    "x-goog-resource-state": state,
    "x-goog-message-number": "7",
  };
}

describe("Google webhook", () => {
  it("accepts Google's real notification of a change and queues one notification job for the calendar", async () => {
    const { userId } = await userWithGoogle("hook");
    const { calendar, channel } = await primaryChannel(userId);
    h.queued.length = 0;
    await h.fake.control.mutate({ calendarId: PRIMARY, action: "insert", event: googleEvent(1) });
    await h.fake.control.flushNotifications();
    expect(h.deliveries.filter((d) => d.resourceState === "exists")).toEqual([
      { channelId: channel.channelId, resourceState: "exists", status: 200 },
    ]);
    expect(h.queued).toEqual([
      {
        name: "concord/google.notification",
        data: { calendarId: calendar.id, channelId: channel.channelId, resourceState: "exists" },
      },
    ]);
  });

  it("refuses a wrong token, a wrong resource id, an unknown, stopped or expired channel, and queues nothing", async () => {
    const { userId } = await userWithGoogle("spoof");
    const { channel, remote } = await primaryChannel(userId);
    h.queued.length = 0;
    expect(await post({ ...headersOf(remote, "exists"), "x-goog-channel-token": `${remote.token}x` })).toBe(401);
    expect(await post({ ...headersOf(remote, "exists"), "x-goog-channel-token": "" })).toBe(401);
    expect(await post({ ...headersOf(remote, "exists"), "x-goog-resource-id": "another-resource" })).toBe(401);
    expect(await post({ ...headersOf(remote, "exists"), "x-goog-channel-id": crypto.randomUUID() })).toBe(404);
    expect(await post({ "x-goog-resource-state": "exists" })).toBe(404);

    await db().watchChannel.update({ where: { id: channel.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await post(headersOf(remote, "exists"))).toBe(404);
    await db().watchChannel.update({
      where: { id: channel.id },
      data: { expiresAt: new Date(Date.now() + 86_400_000), stoppedAt: new Date() },
    });
    expect(await post(headersOf(remote, "exists"))).toBe(404);
    expect(h.queued).toEqual([]);
  });

  it("queues nothing for `sync` and a connection check for `not_exists`", async () => {
    const { userId, connectionId } = await userWithGoogle("states");
    const { remote } = await primaryChannel(userId);
    h.queued.length = 0;
    expect(await post(headersOf(remote, "sync"))).toBe(200);
    expect(h.queued).toEqual([]);
    expect(await post(headersOf(remote, "not_exists"))).toBe(200);
    expect(h.queued).toEqual([{ name: "concord/connection.initial-sync", data: { connectionId } }]);
  });

  it("queues nothing for a connection waiting to be reconnected", async () => {
    const { userId, connectionId } = await userWithGoogle("reauth");
    const { remote } = await primaryChannel(userId);
    await db().connection.update({ where: { id: connectionId }, data: { status: "NEEDS_REAUTH" } });
    h.queued.length = 0;
    expect(await post(headersOf(remote, "exists"))).toBe(200);
    expect(h.queued).toEqual([]);
  });

  it("turns a burst of Google's notifications into one pull of the calendar", async () => {
    const { userId } = await userWithGoogle("burst");
    const { calendar } = await primaryChannel(userId);
    const pulled: string[] = [];
    useSyncOperations({
      pullCalendar: async ({ calendarId }) => {
        pulled.push(calendarId);
        return {};
      },
    });
    const runner = createEmbeddedRunner({ functions: [handleGoogleNotificationFunction, pullCalendarFunction] });
    const capture = { enqueue: (event: (typeof h.queued)[number]) => h.queued.push(event) };
    try {
      setEmbeddedInbox(runner);
      await runner.start();
      for (let i = 0; i < 5; i++) {
        await h.fake.control.mutate({ calendarId: PRIMARY, action: "insert", event: googleEvent(i) });
      }
      await h.fake.control.flushNotifications();
      expect(h.deliveries.filter((d) => d.resourceState === "exists" && d.status === 200)).toHaveLength(5);
      await runner.drain();
      expect(pulled).toEqual([calendar.id]);
    } finally {
      await runner.stop();
      setEmbeddedInbox(capture);
      useSyncOperations(undefined);
    }
  });
});
