import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { inngest } from "../../../lib/queue/client.ts";
import { setEmbeddedInbox } from "../../../lib/queue/embedded-inbox.ts";
import type { ConcordEvent } from "../../../lib/queue/events.ts";
import { sendEvent } from "../../../lib/queue/send-event.ts";

const inngestEnv = ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_DEV", "INNGEST_BASE_URL"];

describe("sendEvent", () => {
  const received: ConcordEvent[] = [];

  beforeEach(() => {
    for (const name of inngestEnv) vi.stubEnv(name, "");
    received.length = 0;
    setEmbeddedInbox({ enqueue: (event) => received.push(event) });
  });

  afterEach(() => {
    setEmbeddedInbox(undefined);
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("hands the event to the embedded runner when Inngest is not configured", async () => {
    const send = vi.spyOn(inngest, "send");
    await sendEvent({ name: "concord/calendar.pull", data: { calendarId: "cal_1", reason: "test" } });
    expect(received).toEqual([{ name: "concord/calendar.pull", data: { calendarId: "cal_1", reason: "test" } }]);
    expect(send).not.toHaveBeenCalled();
  });

  it("sends through Inngest when it is configured", async () => {
    vi.stubEnv("INNGEST_EVENT_KEY", "test-event-key");
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["x"] } as never);
    await sendEvent({ name: "concord/outbox.push", data: { calendarId: "cal_2" } });
    expect(send).toHaveBeenCalledWith({ name: "concord/outbox.push", data: { calendarId: "cal_2" } });
    expect(received).toEqual([]);
  });

  it("refuses data that does not fit the event's schema", async () => {
    await expect(sendEvent({ name: "concord/outbox.push", data: { calendarId: "" } })).rejects.toThrow();
    await expect(sendEvent({ name: "concord/nope", data: {} } as unknown as ConcordEvent)).rejects.toThrow(
      /Unknown event name/,
    );
    expect(received).toEqual([]);
  });

  it("keeps events sent before the runner starts and hands them over once", async () => {
    setEmbeddedInbox(undefined);
    await sendEvent({ name: "concord/connection.initial-sync", data: { connectionId: "conn_1" } });
    const waiting = setEmbeddedInbox({ enqueue: (event) => received.push(event) });
    expect(waiting).toEqual([{ name: "concord/connection.initial-sync", data: { connectionId: "conn_1" } }]);
    expect(setEmbeddedInbox({ enqueue: () => {} })).toEqual([]);
  });
});
