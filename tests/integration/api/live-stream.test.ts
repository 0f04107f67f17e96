/**
 * GET /api/v1/stream through its route handler: authenticated, scoped to the person (another
 * person's changes never move my stream), a frame when my events, calendars or conflicts change,
 * and the stream ends when the client goes away.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as streamRoute from "../../../app/api/v1/stream/route.ts";
import { db } from "../../../lib/db/client.ts";
import { callRoute, createUserWithToken } from "../../helpers/api.ts";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db.ts";
import { createTestCalendar, insertEvent, simpleEvent } from "../events/event-fixtures.ts";

process.env.AUTH_SECRET ||= "integration-test-secret-for-live-stream";

interface LiveState {
  events: string;
  calendars: string;
  conflicts: string;
}

/** Reads an open event stream frame by frame (frames end with a blank line). */
function openStream(params: { token: string }) {
  const abort = new AbortController();
  const request = new Request("http://localhost/api/v1/stream", {
    headers: { authorization: `Bearer ${params.token}` },
    signal: abort.signal,
  });
  const responsePromise = Promise.resolve(streamRoute.GET(request, { params: Promise.resolve({}) }));
  const decoder = new TextDecoder();
  let buffer = "";
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;

  /** The next frame, or null when none came within `ms` (or the stream ended). */
  async function nextFrame(ms: number): Promise<string | null> {
    const response = await responsePromise;
    reader ??= (response.body as ReadableStream<Uint8Array>).getReader();
    const deadline = Date.now() + ms;
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        return frame;
      }
      const left = deadline - Date.now();
      if (left <= 0) return null;
      pending ??= reader.read();
      const result = await Promise.race([
        pending,
        new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), left)),
      ]);
      if (result === "timeout") return null;
      pending = undefined;
      if (result.done) return null;
      buffer += decoder.decode(result.value, { stream: true });
    }
  }

  /** The next `change` frame's state, skipping comments; null if none within `ms`. */
  async function nextChange(ms: number): Promise<LiveState | null> {
    const deadline = Date.now() + ms;
    for (;;) {
      const frame = await nextFrame(Math.max(1, deadline - Date.now()));
      if (frame === null) return null;
      const data = /^data: (.*)$/m.exec(frame);
      if (/^event: change$/m.test(frame) && data) return JSON.parse(data[1] as string) as LiveState;
    }
  }

  return { responsePromise, nextFrame, nextChange, abort: () => abort.abort(), reader: () => reader };
}

describe.each(testDbKinds)("GET /api/v1/stream on %s", (kind) => {
  let testDb: TestDb;
  let me: { userId: string; token: string };
  let other: { userId: string; token: string };
  let myCalendar: string;
  let otherCalendar: string;
  let myEvent: string;

  beforeAll(async () => {
    testDb = await createTestDb(kind);
    me = await createUserWithToken("live");
    other = await createUserWithToken("live-other");
    myCalendar = await createTestCalendar({ userId: me.userId, name: "Mine" });
    otherCalendar = await createTestCalendar({ userId: other.userId, name: "Theirs" });
    myEvent = await insertEvent({
      userId: me.userId,
      calendarId: myCalendar,
      ical: simpleEvent({ uid: "mine-1", title: "Mine", start: "20270301T090000Z", end: "20270301T100000Z" }),
    });
  });
  afterAll(async () => {
    await testDb?.close();
  });

  it("answers 401 without credentials or with a bad token, before any stream starts", async () => {
    const anonymous = await callRoute(streamRoute.GET, { path: "/api/v1/stream" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe("unauthorized");
    const forged = await callRoute(streamRoute.GET, { path: "/api/v1/stream", token: "cnc_not-a-token" });
    expect(forged.status).toBe(401);
  });

  it("sends retry and the current state at once, as text/event-stream", async () => {
    const stream = openStream({ token: me.token });
    const response = await stream.responsePromise;
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("cache-control")).toContain("no-transform");
    const first = await stream.nextFrame(10_000);
    expect(first).toMatch(/^retry: \d+$/m);
    const state = await stream.nextChange(10_000);
    expect(state).toEqual({ events: expect.any(String), calendars: expect.any(String), conflicts: expect.any(String) });
    expect(BigInt(state!.events)).toBeGreaterThan(0n);
    stream.abort();
  });

  it("moves on my changes and stays still on another person's", async () => {
    const stream = openStream({ token: me.token });
    const initial = (await stream.nextChange(10_000)) as LiveState;

    // Another person's event, calendar and conflict: nothing for me (three poll periods).
    await insertEvent({
      userId: other.userId,
      calendarId: otherCalendar,
      ical: simpleEvent({ uid: "theirs-1", title: "Theirs", start: "20270301T090000Z", end: "20270301T100000Z" }),
    });
    await db().calendar.update({ where: { id: otherCalendar }, data: { syncState: "ERROR", syncError: "down" } });
    expect(await stream.nextChange(5000)).toBeNull();

    // My event retitled (as a pull would): the events token moves, the others stay.
    await db().event.update({ where: { id: myEvent }, data: { title: "Mine, retitled" } });
    const afterEdit = (await stream.nextChange(15_000)) as LiveState;
    expect(afterEdit).not.toBeNull();
    expect(BigInt(afterEdit.events)).toBeGreaterThan(BigInt(initial.events));
    expect(afterEdit.calendars).toBe(initial.calendars);
    expect(afterEdit.conflicts).toBe(initial.conflicts);

    // My calendar's sync failed: the calendars token moves.
    await db().calendar.update({ where: { id: myCalendar }, data: { syncState: "ERROR", syncError: "unreachable" } });
    const afterFailure = (await stream.nextChange(15_000)) as LiveState;
    expect(afterFailure.calendars).not.toBe(afterEdit.calendars);

    // A running pull reports progress: the calendars token moves again.
    const run = await db().syncRun.create({
      data: { userId: me.userId, calendarId: myCalendar, kind: "FULL_PULL", received: 10 },
    });
    const afterRun = (await stream.nextChange(15_000)) as LiveState;
    expect(afterRun.calendars).not.toBe(afterFailure.calendars);
    await db().syncRun.update({ where: { id: run.id }, data: { saved: 5 } });
    const afterProgress = (await stream.nextChange(15_000)) as LiveState;
    expect(afterProgress.calendars).not.toBe(afterRun.calendars);

    // A conflict opened on my event: the conflicts token moves.
    await db().conflict.create({
      data: { userId: me.userId, eventId: myEvent, calendarId: myCalendar, kind: "EDIT_EDIT", fields: ["title"] },
    });
    const afterConflict = (await stream.nextChange(15_000)) as LiveState;
    expect(afterConflict.conflicts).not.toBe(afterProgress.conflicts);
    stream.abort();
  });

  it("ends the stream when the client goes away", async () => {
    const stream = openStream({ token: me.token });
    await stream.nextChange(10_000);
    stream.abort();
    // Reads drain what was queued, then the stream is done.
    let frames = 0;
    while ((await stream.nextFrame(10_000)) !== null) frames += 1;
    expect(frames).toBeLessThan(3);
    const done = await stream.reader()!.read();
    expect(done.done).toBe(true);
  });

  it("answers one JSON snapshot with ?once=true", async () => {
    const snapshot = await callRoute(streamRoute.GET, { path: "/api/v1/stream?once=true", token: me.token });
    expect(snapshot.status).toBe(200);
    expect(snapshot.body).toEqual({
      events: expect.any(String),
      calendars: expect.any(String),
      conflicts: expect.any(String),
    });
    const theirs = await callRoute(streamRoute.GET, { path: "/api/v1/stream?once=true", token: other.token });
    expect(theirs.body.events).not.toBe(snapshot.body.events);
  });
});
