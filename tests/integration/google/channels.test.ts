/**
 * Push channel lifecycle against the Google fake: renewal saves the new channel before the old
 * one is stopped (and stops it at Google), expired or already-stopped channels need no stop,
 * disabled calendars lose their channel, deleting the connection stops its channels, and an
 * http APP_URL starts none.
 */
import { beforeEach, describe, expect, it } from "vitest";
import * as connectionRoute from "../../../app/api/v1/connections/[id]/route.ts";
import { db } from "../../../lib/db/client.ts";
import { renewWatchChannels } from "../../../lib/google-connection/renew-watch-channels.ts";
import { canWatch } from "../../../lib/providers/types.ts";
import { providerForConnection } from "../../../lib/connections/provider-for-connection.ts";
import { callRoute, createUserWithToken } from "../../helpers/api.ts";
import { connectGoogle, PRIMARY, setupGoogleIntegration, SHARED, userWithGoogle } from "./google-harness.ts";

const h = setupGoogleIntegration();
const DAY = 86_400_000;

// Renewal sweeps every user's channels; earlier tests' channels point at calendars the fake
// has forgotten since its reset, so they are retired first.
beforeEach(async () => {
  await db().watchChannel.updateMany({ where: { stoppedAt: null }, data: { stoppedAt: new Date() } });
});

async function liveChannels(userId: string) {
  return db().watchChannel.findMany({
    where: { userId, stoppedAt: null },
    include: { calendar: { select: { remoteId: true } } },
  });
}

describe("Google push channels", () => {
  it("renews channels expiring within a day: new one saved and watching before the old one is stopped at Google", async () => {
    const { userId } = await userWithGoogle("renew");
    const before = await liveChannels(userId);
    expect(before).toHaveLength(2);
    await h.fake.control.clearRequests();

    // Six and a half days on, the week-long channels expire within 24 hours.
    const now = new Date(Date.now() + 6.5 * DAY);
    const result = await renewWatchChannels({ now });
    expect(result).toEqual({ renewed: 2, stopped: 2, failed: 0 });

    const after = await liveChannels(userId);
    expect(after.map((c) => c.calendar.remoteId).sort()).toEqual([SHARED, PRIMARY].sort());
    expect(after.some((c) => before.some((b) => b.channelId === c.channelId))).toBe(false);
    const old = await db().watchChannel.findMany({ where: { id: { in: before.map((c) => c.id) } } });
    expect(old.every((c) => c.stoppedAt !== null)).toBe(true);

    const atFake = await h.fake.control.channels();
    for (const channel of before) expect(atFake.find((c) => c.id === channel.channelId)?.isStopped).toBe(true);
    for (const channel of after) expect(atFake.find((c) => c.id === channel.channelId)?.isStopped).toBe(false);

    // For each calendar the watch call came before the stop of its old channel.
    const { requests } = await h.fake.control.requests();
    const order = requests.map((r) => `${r.method} ${decodeURIComponent(r.path)}`);
    const watchPrimary = order.indexOf(`POST /calendar/v3/calendars/${PRIMARY}/events/watch`);
    const stops = order.map((entry, i) => (entry === "POST /calendar/v3/channels/stop" ? i : -1)).filter((i) => i >= 0);
    expect(watchPrimary).toBeGreaterThanOrEqual(0);
    expect(stops).toHaveLength(2);
    expect(watchPrimary).toBeLessThan(Math.max(...stops));
    expect(order.indexOf(`POST /calendar/v3/calendars/${SHARED}/events/watch`)).toBeLessThan(Math.max(...stops));

    // The old channel's notifications are now refused.
    await h.fake.control.mutate({
      calendarId: PRIMARY,
      action: "insert",
      event: { summary: "x", start: { date: "2026-01-01" }, end: { date: "2026-01-02" } },
    });
    await h.fake.control.flushNotifications();
    const primaryNew = after.find((c) => c.calendar.remoteId === PRIMARY);
    expect(h.deliveries.filter((d) => d.resourceState === "exists")).toEqual([
      { channelId: primaryNew?.channelId, resourceState: "exists", status: 200 },
    ]);
  });

  it("leaves channels far from expiry alone, stops disabled calendars' channels, and tolerates a channel Google already forgot", async () => {
    const { userId, connectionId } = await userWithGoogle("renew-mixed");
    expect(await renewWatchChannels({ now: new Date() })).toEqual({ renewed: 0, stopped: 0, failed: 0 });

    const channels = await liveChannels(userId);
    const shared = channels.find((c) => c.calendar.remoteId === SHARED);
    const primary = channels.find((c) => c.calendar.remoteId === PRIMARY);
    await db().calendar.updateMany({ where: { userId, remoteId: SHARED }, data: { enabled: false } });
    // Stopped at Google already (another run, or Google's own clean-up): the stop answers 404.
    const provider = await providerForConnection({
      connection: await db().connection.findUniqueOrThrow({ where: { id: connectionId } }),
    });
    if (!canWatch(provider)) throw new Error("Google adapter cannot watch");
    await provider.unwatch({ channelId: primary?.channelId ?? "", resourceId: primary?.resourceId ?? "" });

    const result = await renewWatchChannels({ now: new Date(Date.now() + 6.5 * DAY) });
    expect(result).toEqual({ renewed: 1, stopped: 2, failed: 0 });
    const live = await liveChannels(userId);
    expect(live.map((c) => c.calendar.remoteId)).toEqual([PRIMARY]);
    expect(live[0]?.channelId).not.toBe(primary?.channelId);
    const atFake = await h.fake.control.channels();
    expect(atFake.find((c) => c.id === shared?.channelId)?.isStopped).toBe(true);
  });

  it("marks an already expired channel stopped without calling Google, and starts a new one", async () => {
    const { userId } = await userWithGoogle("expired");
    const channels = await liveChannels(userId);
    await db().watchChannel.updateMany({ where: { userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await h.fake.control.clearRequests();
    expect(await renewWatchChannels({ now: new Date() })).toEqual({ renewed: 2, stopped: 2, failed: 0 });
    const { counts } = await h.fake.control.requests();
    expect(counts["POST /calendar/v3/channels/stop"]).toBeUndefined();
    const live = await liveChannels(userId);
    expect(live).toHaveLength(2);
    expect(live.some((c) => channels.some((old) => old.channelId === c.channelId))).toBe(false);
  });

  it("retires an expired channel whose calendar can no longer be watched instead of retrying it forever", async () => {
    const { userId } = await userWithGoogle("gone");
    await db().watchChannel.updateMany({ where: { userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await h.fake.control.addFault({ path: "/events/watch", status: 404, reason: "notFound", count: 2 });
    expect(await renewWatchChannels({ now: new Date() })).toEqual({ renewed: 0, stopped: 2, failed: 2 });
    expect(await liveChannels(userId)).toEqual([]);
    expect(await renewWatchChannels({ now: new Date() })).toEqual({ renewed: 0, stopped: 0, failed: 0 });
  });

  it("deleting the connection stops its channels at Google", async () => {
    const { userId, token, connectionId } = await userWithGoogle("delete");
    const channels = await liveChannels(userId);
    const response = await callRoute(connectionRoute.DELETE, {
      method: "DELETE",
      path: `/api/v1/connections/${connectionId}`,
      token,
      params: { id: connectionId },
    });
    expect(response.status).toBe(204);
    const atFake = await h.fake.control.channels();
    expect(channels).toHaveLength(2);
    for (const channel of channels) expect(atFake.find((c) => c.id === channel.channelId)?.isStopped).toBe(true);
    expect(await db().watchChannel.count({ where: { userId } })).toBe(0);
  });

  it("starts no channel when APP_URL is not https and http webhooks are not allowed", async () => {
    delete process.env.CONCORD_ALLOW_HTTP_WEBHOOKS;
    try {
      const { token, userId } = await createUserWithToken("http");
      const result = await connectGoogle({ token });
      expect(result.location).toContain("connected=google");
      expect(await db().calendar.count({ where: { userId } })).toBe(2);
      expect(await db().watchChannel.count({ where: { userId } })).toBe(0);
      expect(await h.fake.control.channels()).toEqual([]);
    } finally {
      process.env.CONCORD_ALLOW_HTTP_WEBHOOKS = "1";
    }
  });
});
